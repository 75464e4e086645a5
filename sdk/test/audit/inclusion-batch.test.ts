// InclusionBatch answers exactly as verifyInclusion, proof by proof, while sharing the hashing of
// the nodes its proofs have in common: honest proofs, proofs with one hash flipped (low, where
// the paths are the leaf's own, or high, where they are shared), cut or lengthened, of the wrong
// index, and in any order.
import {
  type LogHash,
  MerkleTree,
  sha256LogHash,
  sm3LogHash,
  verifyInclusion,
} from '../../src/audit';
import { InclusionBatch } from '../../src/audit/resident-entry/inclusion-batch';
import { between, flipBit, prng, syntheticLeafHash } from './support/leaves';

const verdict = (r: { ok: boolean; code?: string }) => (r.ok ? 'ok' : r.code);

describe.each([
  ['sha256', sha256LogHash],
  ['sm3', sm3LogHash],
] as [string, LogHash][])('InclusionBatch over %s', (_name, hash) => {
  const tree = new MerkleTree(hash);
  for (let i = 0; i < 300; i++) tree.appendLeafHash(syntheticLeafHash(i));

  test.each([1, 2, 3, 7, 8, 9, 64, 65, 150, 300])('tree of %i leaves', (size) => {
    const random = prng(size);
    const root = tree.root(size);
    const batch = new InclusionBatch(hash, size, root);
    for (let round = 0; round < 400; round++) {
      const index = between(random, 0, size - 1);
      let proof = tree.inclusionProof(index, size);
      let leaf = tree.leafHashAt(index);
      let at = index;
      switch (between(random, 0, 5)) {
        case 0: // a hash flipped, anywhere on the path
          if (proof.length > 0) {
            const k = between(random, 0, proof.length - 1);
            proof = proof.map((p, j) => (j === k ? flipBit(p, between(random, 0, 255)) : p));
          }
          break;
        case 1: // cut, or one too many
          proof = random() < 0.5 ? proof.slice(0, -1) : [...proof, root];
          break;
        case 2: // another leaf's proof, or another index
          at = between(random, -1, size);
          break;
        case 3:
          leaf = flipBit(leaf, 3);
          break;
        default: // honest
      }
      expect(verdict(batch.verify(at, leaf, proof))).toBe(
        verdict(verifyInclusion(hash, at, size, leaf, proof, root)),
      );
    }
  });

  test('a wrong root fails every proof, as verifyInclusion does', () => {
    const batch = new InclusionBatch(hash, 300, tree.root(299));
    for (const index of [0, 150, 298, 299]) {
      expect(batch.verify(index, tree.leafHashAt(index), tree.inclusionProof(index))).toMatchObject(
        {
          ok: false,
          code: 'root-mismatch',
        },
      );
    }
  });

  test('shares the work: 100 spread leaves of 300 take fewer hashes than proof by proof', () => {
    let hashes = 0;
    const counting: LogHash = {
      name: hash.name,
      digest: (d) => {
        hashes++;
        return hash.digest(d);
      },
    };
    const batch = new InclusionBatch(counting, 300, tree.root());
    let proofHashes = 0;
    for (let index = 1; index < 300; index += 3) {
      const proof = tree.inclusionProof(index);
      proofHashes += proof.length;
      expect(batch.verify(index, tree.leafHashAt(index), proof).ok).toBe(true);
    }
    expect(hashes).toBeLessThan(proofHashes * 0.6);
  });
});
