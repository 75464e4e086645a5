// The reference builder against RFC 9162's recursive definitions transcribed on node:crypto, for
// SHA-256 and SM3, and the builder's own contract.
import {
  MerkleTree,
  consistencyProof,
  emptyRoot,
  inclusionProof,
  leafHash,
  logHashByName,
  nodeHash,
  rootFromLeafHashes,
  sha256LogHash,
  sm3LogHash,
  verifyConsistency,
  verifyInclusion,
  type LogHash,
} from '../../src/audit';
import { naiveConsistency, naivePath, naiveRoot, nodeDigest } from './support/node-hashes';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const hexes = (bs: readonly Uint8Array[]): string[] => bs.map(hex);
const data = (n: number): Uint8Array[] =>
  Array.from({ length: n }, (_, i) => new Uint8Array(Buffer.from(`leaf ${i} `.repeat(i % 5))));

describe.each<[string, LogHash, number]>([
  ['sha256', sha256LogHash, 40],
  ['sm3', sm3LogHash, 24],
])('%s tree matches the RFC 9162 definitions on node:crypto', (_name, hash, maxSize) => {
  const name = hash.name;
  const leaves = data(maxSize);
  const leafHashes = leaves.map((d) => leafHash(hash, d));

  test('leaf and node hashes use the 0x00 / 0x01 prefixes', () => {
    const l = leaves[3];
    expect(hex(leafHash(hash, l))).toBe(hex(nodeDigest(name, Buffer.concat([Buffer.of(0), l]))));
    const [a, b] = leafHashes;
    expect(hex(nodeHash(hash, a, b))).toBe(
      hex(nodeDigest(name, Buffer.concat([Buffer.of(1), a, b]))),
    );
    expect(hex(emptyRoot(hash))).toBe(hex(nodeDigest(name, new Uint8Array(0))));
  });

  test('roots of every size', () => {
    for (let n = 0; n <= maxSize; n++) {
      expect([n, hex(rootFromLeafHashes(hash, leafHashes.slice(0, n)))]).toEqual([
        n,
        hex(naiveRoot(name, leaves.slice(0, n))),
      ]);
    }
  });

  test('every inclusion proof of every size, and it verifies', () => {
    const tree = new MerkleTree(hash);
    leaves.forEach((d) => tree.appendData(d));
    for (let n = 1; n <= maxSize; n++) {
      const root = tree.root(n);
      for (let m = 0; m < n; m++) {
        const proof = tree.inclusionProof(m, n);
        expect(hexes(proof)).toEqual(hexes(naivePath(name, m, leaves.slice(0, n))));
        expect(verifyInclusion(hash, m, n, leafHashes[m], proof, root)).toEqual({ ok: true });
      }
    }
  });

  test('every consistency proof between every pair of sizes, and it verifies', () => {
    const tree = new MerkleTree(hash);
    leafHashes.forEach((h) => tree.appendLeafHash(h));
    for (let n = 1; n <= maxSize; n++) {
      for (let m = 1; m <= n; m++) {
        const proof = tree.consistencyProof(m, n);
        expect(hexes(proof)).toEqual(hexes(naiveConsistency(name, m, leaves.slice(0, n))));
        expect(verifyConsistency(hash, m, n, proof, tree.root(m), tree.root(n))).toEqual({
          ok: true,
        });
      }
    }
  });
});

describe('functional builder API', () => {
  const leafHashes = data(13).map((d) => leafHash(sha256LogHash, d));

  test('agrees with MerkleTree', () => {
    const tree = new MerkleTree(sha256LogHash);
    leafHashes.forEach((h) => tree.appendLeafHash(h));
    expect(rootFromLeafHashes(sha256LogHash, leafHashes)).toEqual(tree.root());
    expect(inclusionProof(sha256LogHash, 5, leafHashes)).toEqual(tree.inclusionProof(5));
    expect(consistencyProof(sha256LogHash, 6, leafHashes)).toEqual(tree.consistencyProof(6));
    expect(rootFromLeafHashes(sha256LogHash, [])).toEqual(emptyRoot(sha256LogHash));
  });

  test('never duplicates an odd node: 3 leaves hash as (ab)c', () => {
    const [a, b, c] = leafHashes;
    const h = (l: Uint8Array, r: Uint8Array) => nodeHash(sha256LogHash, l, r);
    expect(rootFromLeafHashes(sha256LogHash, [a, b, c])).toEqual(h(h(a, b), c));
    expect(rootFromLeafHashes(sha256LogHash, [a, b, c])).not.toEqual(h(h(a, b), h(c, c)));
  });

  test('refuses out-of-range arguments and wrong-size leaf hashes', () => {
    const tree = new MerkleTree(sha256LogHash);
    leafHashes.forEach((h) => tree.appendLeafHash(h));
    expect(() => tree.inclusionProof(13)).toThrow(RangeError);
    expect(() => tree.inclusionProof(0, 14)).toThrow(RangeError);
    expect(() => tree.inclusionProof(-1)).toThrow(RangeError);
    expect(() => tree.consistencyProof(0)).toThrow(RangeError);
    expect(() => tree.consistencyProof(5, 4)).toThrow(RangeError);
    expect(() => tree.root(14)).toThrow(RangeError);
    expect(() => tree.root(1.5)).toThrow(RangeError);
    expect(() => tree.appendLeafHash(new Uint8Array(31))).toThrow(RangeError);
  });

  test('returned proofs and roots are copies: mutating them cannot corrupt the tree', () => {
    const tree = new MerkleTree(sha256LogHash);
    leafHashes.forEach((h) => tree.appendLeafHash(h));
    const root = tree.root(8);
    tree.root(8).fill(0);
    tree.inclusionProof(3).forEach((p) => p.fill(0));
    tree.leafHashAt(3).fill(0);
    expect(tree.root(8)).toEqual(root);
    expect(tree.leafHashAt(3)).toEqual(leafHashes[3]);
  });

  test('logHashByName', () => {
    expect(logHashByName('sha256')).toBe(sha256LogHash);
    expect(logHashByName('sm3')).toBe(sm3LogHash);
    expect(logHashByName('md5')).toBeUndefined();
  });
});
