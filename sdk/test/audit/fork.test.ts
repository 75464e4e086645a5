// A forked history: two logs agree on a prefix and then diverge (a split-view attack, or a log
// that rewrote history). No consistency proof from one may verify against the other's root.
import { MerkleTree, sha256LogHash, verifyConsistency, verifyInclusion } from '../../src/audit';
import { Failures } from './support/failures';
import { syntheticLeafHash } from './support/leaves';

const hash = sha256LogHash;
const SHARED = 37; // leaves [0, 37) are the same in both logs
const SIZE = 100;

function log(fork: 'a' | 'b'): { tree: MerkleTree; roots: Uint8Array[] } {
  const tree = new MerkleTree(hash);
  for (let i = 0; i < SIZE; i++) {
    const leaf = syntheticLeafHash(i);
    if (i >= SHARED && fork === 'b') leaf[31] ^= 0xff; // the rewritten entries
    tree.appendLeafHash(leaf);
  }
  return { tree, roots: Array.from({ length: SIZE + 1 }, (_, n) => tree.root(n)) };
}

const a = log('a');
const b = log('b');

test('the two logs share roots exactly up to the fork point', () => {
  for (let n = 0; n <= SIZE; n++) {
    expect([n, a.roots[n].join() === b.roots[n].join()]).toEqual([n, n <= SHARED]);
  }
});

test('each log is consistent with itself and with the shared prefix', () => {
  const failures = new Failures();
  for (const { tree, roots } of [a, b]) {
    for (let size1 = 1; size1 <= SIZE; size1 += 3) {
      for (let size2 = size1; size2 <= SIZE; size2 += 7) {
        const proof = tree.consistencyProof(size1, size2);
        const ok = verifyConsistency(hash, size1, size2, proof, roots[size1], roots[size2]).ok;
        failures.check(ok, () => `${size1} -> ${size2}`);
      }
    }
  }
  expect(failures.list).toEqual([]);
});

test("a proof from one log never verifies against the other's later root", () => {
  const failures = new Failures();
  for (const [self, other] of [
    [a, b],
    [b, a],
  ]) {
    // A verifier that trusted `self` at size1 now sees `other`'s checkpoint at size2 (before the
    // fork point both logs have the same root at size1).
    const accepts = (proof: Uint8Array[], size1: number, size2: number) =>
      verifyConsistency(hash, size1, size2, proof, self.roots[size1], other.roots[size2]).ok;
    for (let size1 = 1; size1 <= SIZE; size1++) {
      for (let size2 = Math.max(size1, SHARED + 1); size2 <= SIZE; size2 += 5) {
        const ours = self.tree.consistencyProof(size1, size2);
        failures.check(!accepts(ours, size1, size2), () => `${size1} -> ${size2}: own proof`);
        // Past the fork, not even the other log's own proof links the two.
        if (size1 > SHARED) {
          const theirs = other.tree.consistencyProof(size1, size2);
          failures.check(!accepts(theirs, size1, size2), () => `${size1} -> ${size2}: theirs`);
        }
      }
    }
  }
  expect(failures.list).toEqual([]);
  expect(failures.checks).toBeGreaterThan(1000);
});

test('a rewritten entry is not included in the other log', () => {
  const index = SHARED + 5;
  const proof = b.tree.inclusionProof(index, SIZE);
  const leaf = b.tree.leafHashAt(index);
  expect(verifyInclusion(hash, index, SIZE, leaf, proof, b.roots[SIZE]).ok).toBe(true);
  expect(verifyInclusion(hash, index, SIZE, leaf, proof, a.roots[SIZE]).ok).toBe(false);
});
