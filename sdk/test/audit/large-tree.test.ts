// A few random tree sizes up to 10^6, from one tree built once. The tree is hashed with
// node:crypto's SHA-256 for speed; proofs are verified with the production (noble) sha256LogHash.
import {
  MerkleTree,
  sha256LogHash,
  verifyConsistency,
  verifyInclusion,
  type LogHash,
} from '../../src/audit';
import { Failures } from './support/failures';
import { between, flipBit, prng, syntheticLeafHash } from './support/leaves';
import { nodeLogHash } from './support/node-hashes';

const MAX = 1_000_000;
const random = prng(2024);
const tree = new MerkleTree(nodeLogHash('sha256'));
for (let i = 0; i < MAX; i++) tree.appendLeafHash(syntheticLeafHash(i));

const sizes = [
  MAX,
  2 ** 19,
  2 ** 19 + 1,
  ...Array.from({ length: 4 }, () => between(random, 2, MAX)),
];

test('the tree holds 10^6 leaves', () => {
  expect(tree.size).toBe(MAX);
});

describe.each(sizes)('tree of %i leaves', (size) => {
  const hash: LogHash = sha256LogHash;
  const root = tree.root(size);

  test('inclusion proofs verify; mutations are rejected', () => {
    const failures = new Failures();
    for (const index of [0, size - 1, between(random, 0, size - 1), between(random, 0, size - 1)]) {
      const proof = tree.inclusionProof(index, size);
      const leaf = tree.leafHashAt(index);
      const ok = (i: number, p: Uint8Array[], r: Uint8Array) =>
        verifyInclusion(hash, i, size, leaf, p, r).ok;
      failures.check(ok(index, proof, root), () => `index ${index}`);
      const k = between(random, 0, proof.length - 1);
      const mutated = proof.map((p, j) => (j === k ? flipBit(p, between(random, 0, 255)) : p));
      failures.check(!ok(index, mutated, root), () => `proof[${k}] of ${index}`);
      failures.check(!ok(index, proof, flipBit(root, 7)), () => `root, index ${index}`);
      for (let b = 0; b < 20; b++) {
        failures.check(!ok(index ^ (1 << b), proof, root), () => `index ${index} bit ${b}`);
      }
    }
    expect(failures.list).toEqual([]);
  });

  test('consistency proofs from earlier sizes verify; mutations are rejected', () => {
    const failures = new Failures();
    for (const size1 of [1, size - 1, between(random, 1, size), between(random, 1, size)]) {
      if (size1 < 1) continue;
      const proof = tree.consistencyProof(size1, size);
      const root1 = tree.root(size1);
      const ok = (s1: number, p: Uint8Array[], r1: Uint8Array, r2: Uint8Array) =>
        verifyConsistency(hash, s1, size, p, r1, r2).ok;
      failures.check(ok(size1, proof, root1, root), () => `size1 ${size1}`);
      if (proof.length === 0) continue;
      const k = between(random, 0, proof.length - 1);
      const mutated = proof.map((p, j) => (j === k ? flipBit(p, between(random, 0, 255)) : p));
      failures.check(!ok(size1, mutated, root1, root), () => `proof[${k}] from ${size1}`);
      failures.check(!ok(size1, proof, flipBit(root1, 3), root), () => `root1 from ${size1}`);
      failures.check(!ok(size1, proof, root1, flipBit(root, 3)), () => `root2 from ${size1}`);
      for (let b = 0; b < 20; b++) {
        const s1 = size1 ^ (1 << b);
        failures.check(!ok(s1, proof, root1, root), () => `size1 ${size1} bit ${b}`);
      }
    }
    expect(failures.list).toEqual([]);
  });
});
