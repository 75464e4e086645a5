// Proofs computed from tlog-tiles equal the reference MerkleTree's and verify against its roots,
// for every size 1..1000 under both hashes and sparse checks up to 10^5 leaves. The tile source
// refuses any tile that does not exist at the size, so a wrong width or level fails here.
import {
  consistencyFromTiles,
  inclusionFromTiles,
  MerkleTree,
  rootFromTiles,
  sha256LogHash,
  sm3LogHash,
  verifyConsistencyFromTiles,
  verifyInclusionFromTiles,
  type LogHash,
} from '../../../src/audit';
import { Failures } from '../support/failures';
import { between, flipBit, prng, syntheticLeafHash } from '../support/leaves';
import { nodeHasSm3, nodeLogHash } from '../support/node-hashes';
import { ReferenceTiles } from './reference-tiles';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const same = (a: readonly Uint8Array[], b: readonly Uint8Array[]) =>
  a.length === b.length && a.every((x, i) => hex(x) === hex(b[i]));

function logOf(hash: LogHash, size: number) {
  const leaves = Array.from({ length: size }, (_, i) => syntheticLeafHash(i));
  const tree = new MerkleTree(hash);
  for (const leaf of leaves) tree.appendLeafHash(leaf);
  return { tree, tiles: new ReferenceTiles(hash, leaves) };
}

// The sweep hashes with node:crypto (noble's SHA-256 under jest is ~3x slower; SM3 falls back to the
// sdk's own when OpenSSL lacks it); every tenth size is verified with the production LogHash.
const cases: [string, LogHash, LogHash][] = [
  ['sha256', sha256LogHash, nodeLogHash('sha256')],
  ['sm3', sm3LogHash, nodeHasSm3() ? nodeLogHash('sm3') : sm3LogHash],
];

describe.each(cases)('%s', (_name, hash, fast) => {
  const { tree, tiles } = logOf(fast, 1000);

  test('every size 1..1000: root, inclusion and consistency from tiles', async () => {
    const random = prng(7);
    const failures = new Failures();
    for (let n = 1; n <= 1000; n++) {
      const source = tiles.source(n);
      const root = tree.root(n);
      const production = n % 10 === 0;
      failures.check(hex(await rootFromTiles(fast, n, source)) === hex(root), () => `root ${n}`);
      for (const i of new Set([0, n - 1, between(random, 0, n - 1)])) {
        const got = await inclusionFromTiles(fast, i, n, source);
        failures.check(hex(got.leafHash) === hex(tree.leafHashAt(i)), () => `leaf ${i}@${n}`);
        failures.check(same(got.proof, tree.inclusionProof(i, n)), () => `path ${i}@${n}`);
        const verified = await verifyInclusionFromTiles(
          hash,
          i,
          n,
          tree.leafHashAt(i),
          root,
          source,
        );
        failures.check(verified.ok, () => `verify ${i}@${n}`);
      }
      for (const m of new Set([1, n, between(random, 1, n)])) {
        const proof = m === n ? [] : await consistencyFromTiles(fast, m, n, source);
        failures.check(same(proof, tree.consistencyProof(m, n)), () => `consistency ${m}→${n}`);
        if (!production) continue;
        const verified = await verifyConsistencyFromTiles(hash, m, n, tree.root(m), root, source);
        failures.check(verified.ok, () => `verify ${m}→${n}`);
      }
    }
    expect(failures.list).toEqual([]);
  });

  test('a wrong leaf, root, or tampered tile is refused', async () => {
    const n = 777;
    const root = tree.root(n);
    const source = tiles.source(n);
    const leaf = tree.leafHashAt(300);
    expect((await verifyInclusionFromTiles(hash, 300, n, flipBit(leaf, 3), root, source)).ok).toBe(
      false,
    );
    expect((await verifyInclusionFromTiles(hash, 300, n, leaf, flipBit(root, 9), source)).ok).toBe(
      false,
    );
    const tampered = async (level: number, index: number, width: number) =>
      flipBit(await source(level, index, width), 77);
    expect((await verifyInclusionFromTiles(hash, 300, n, leaf, root, tampered)).ok).toBe(false);
    const short = async (level: number, index: number, width: number) =>
      (await source(level, index, width)).subarray(32);
    expect(await verifyInclusionFromTiles(hash, 300, n, leaf, root, short)).toMatchObject({
      ok: false,
      code: 'bad-tile',
    });
    expect(
      (await verifyConsistencyFromTiles(hash, 500, n, flipBit(tree.root(500), 1), root, source)).ok,
    ).toBe(false);
    expect(await verifyInclusionFromTiles(hash, n, n, leaf, root, source)).toMatchObject({
      ok: false,
      code: 'index-out-of-range',
    });
  });
});

describe('up to 10^5 leaves (sha256), sparse', () => {
  const { tree, tiles } = logOf(nodeLogHash('sha256'), 100_000);
  const sizes = [256 * 255, 65_535, 65_536, 65_537, 65_536 + 256, 256 * 300, 99_999, 100_000];

  test.each(sizes)('size %i', async (n) => {
    const random = prng(n);
    const source = tiles.source(n);
    const root = tree.root(n);
    expect(hex(await rootFromTiles(sha256LogHash, n, source))).toBe(hex(root));
    for (const i of [0, 255, 256, 65_535, n - 1, between(random, 0, n - 1)].filter((i) => i < n)) {
      const got = await inclusionFromTiles(sha256LogHash, i, n, source);
      expect(same(got.proof, tree.inclusionProof(i, n))).toBe(true);
      expect(
        (await verifyInclusionFromTiles(sha256LogHash, i, n, tree.leafHashAt(i), root, source)).ok,
      ).toBe(true);
    }
    for (const m of [1, 256, 65_536, n - 1, between(random, 1, n)].filter((m) => m < n)) {
      expect(
        same(await consistencyFromTiles(sha256LogHash, m, n, source), tree.consistencyProof(m, n)),
      ).toBe(true);
    }
  });

  test('a receipt at 10^5 leaves downloads a handful of tiles', async () => {
    tiles.requests.length = 0;
    await inclusionFromTiles(sha256LogHash, 12_345, 100_000, tiles.source(100_000));
    // Level 0: the leaf's tile and the partial right edge; level 1: the full tile and the partial
    // one; level 2 needs nothing (no complete 65,536-leaf subtree on the right at this size).
    expect(tiles.requests.length).toBeLessThanOrEqual(4);
  });
});

describe('around 65,536 leaves (sm3), sparse', () => {
  const fast = nodeHasSm3() ? nodeLogHash('sm3') : sm3LogHash;
  const { tree, tiles } = logOf(fast, 70_000);

  test.each([65_535, 65_536, 65_537, 70_000])('size %i', async (n) => {
    const source = tiles.source(n);
    const root = tree.root(n);
    expect(hex(await rootFromTiles(sm3LogHash, n, source))).toBe(hex(root));
    for (const i of [0, 256, 65_534, n - 1]) {
      expect(
        (await verifyInclusionFromTiles(sm3LogHash, i, n, tree.leafHashAt(i), root, source)).ok,
      ).toBe(true);
    }
    for (const m of [1, 65_535, 65_536].filter((m) => m < n)) {
      expect(
        (await verifyConsistencyFromTiles(sm3LogHash, m, n, tree.root(m), root, source)).ok,
      ).toBe(true);
    }
  });
});
