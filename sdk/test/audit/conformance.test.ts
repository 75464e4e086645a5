// Conformance with transparency-dev/merkle: every JSON vector under testdata/merkle must
// verify exactly when its wantErr is false, and the README's reference roots must be reproduced.
import {
  rootFromInclusionProof,
  rootFromLeafHashes,
  leafHash,
  sha256LogHash,
  verifyConsistency,
  verifyInclusion,
} from '../../src/audit';
import {
  loadVectors,
  MERKLE_VECTORS_DIR as VECTORS,
  readVectorsReadme,
  type ConsistencyVector,
  type InclusionVector,
} from './support/vectors';

const b64 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'base64'));
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

// Loaded at collection time: a missing folder fails the suite with requireVectorsDir's message.
const inclusion = loadVectors<InclusionVector>(VECTORS, 'inclusion');
const consistency = loadVectors<ConsistencyVector>(VECTORS, 'consistency');

test('the vector set is present and non-trivial', () => {
  expect(inclusion.length).toBeGreaterThanOrEqual(50);
  expect(consistency.length).toBeGreaterThanOrEqual(50);
  expect(inclusion.some(([, v]) => !v.wantErr)).toBe(true);
  expect(consistency.some(([, v]) => !v.wantErr)).toBe(true);
});

describe('inclusion vectors', () => {
  test.each(inclusion)('%s', (_file, v) => {
    const proof = (v.proof ?? []).map(b64);
    const result = verifyInclusion(
      sha256LogHash,
      v.leafIdx,
      v.treeSize,
      b64(v.leafHash),
      proof,
      b64(v.root),
    );
    expect({ desc: v.desc, ok: result.ok }).toEqual({ desc: v.desc, ok: !v.wantErr });
    if (!v.wantErr) {
      const computed = rootFromInclusionProof(
        sha256LogHash,
        v.leafIdx,
        v.treeSize,
        b64(v.leafHash),
        proof,
      );
      expect(computed.ok && hex(computed.root)).toBe(hex(b64(v.root)));
    }
  });
});

describe('consistency vectors', () => {
  test.each(consistency)('%s', (_file, v) => {
    const result = verifyConsistency(
      sha256LogHash,
      v.size1,
      v.size2,
      (v.proof ?? []).map(b64),
      b64(v.root1),
      b64(v.root2),
    );
    expect({ desc: v.desc, ok: result.ok }).toEqual({ desc: v.desc, ok: !v.wantErr });
  });
});

describe('README reference roots', () => {
  const readme = readVectorsReadme(VECTORS);
  const leaves = [
    '',
    '00',
    '10',
    '2021',
    '3031',
    '40414243',
    '5051525354555657',
    '606162636465666768696a6b6c6d6e6f',
  ].map((h) => new Uint8Array(Buffer.from(h, 'hex')));
  const leafHashes = leaves.map((d) => leafHash(sha256LogHash, d));
  const listed = [...readme.matchAll(/^- size (\d+): ([0-9a-f]{64})$/gm)].map(
    (m) => [Number(m[1]), m[2]] as [number, string],
  );

  test('lists the roots of sizes 0..8', () => {
    expect(listed.map(([size]) => size)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(readme).toContain(`size 8 root = ${listed[8][1]}`);
    expect(listed[0][1]).toBe(hex(sha256LogHash.digest(new Uint8Array(0))));
  });

  test.each(listed)('root of the first %i leaves', (size, expected) => {
    expect(hex(rootFromLeafHashes(sha256LogHash, leafHashes.slice(0, size)))).toBe(expected);
  });
});
