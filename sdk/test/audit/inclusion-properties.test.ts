// Inclusion proofs over every tree size 1..2000: sampled proofs verify, and single-bit mutations
// are rejected. Size mutations need care: RFC 9162 inclusion proofs do not encode the tree size,
// so a different size with the same proof shape computes the same root. That is why a receipt
// takes size and root together from one signed checkpoint; here we check that our verifier
// accepts exactly what the RFC's own algorithm accepts, and never the mutated size's real root.
import { sha256LogHash, verifyInclusion, rootFromInclusionProof } from '../../src/audit';
import { bitLength } from '../../src/audit/bits';
import { Failures } from './support/failures';
import { nodeLogHash } from './support/node-hashes';
import { between, flipBit } from './support/leaves';
import { rfcVerifyInclusion } from './support/rfc-verify';
import { MAX_SIZE, buildSampleTree, prng, sample } from './support/sample-tree';

// The tree and the many mutation checks hash with node:crypto's SHA-256 (about 3x faster than
// noble under jest); the sampled proofs are verified with the production sha256LogHash, which also
// cross-checks the two SHA-256 implementations.
const hash = nodeLogHash('sha256');
const { tree, roots } = buildSampleTree(hash);
const sizes = Array.from({ length: MAX_SIZE }, (_, i) => i + 1);

/** One random leaf per size 1..2000, with its proof. */
function* sampledProofs(seed: number) {
  const random = prng(seed);
  for (const n of sizes) {
    const m = between(random, 0, n - 1);
    yield { m, n, proof: tree.inclusionProof(m, n), leaf: tree.leafHashAt(m), random };
  }
}

test('sampled inclusion proofs verify for every size 1..2000', () => {
  const random = prng(1);
  const failures = new Failures();
  for (const n of sizes) {
    for (const m of sample(random, 0, n - 1, [0, n - 1, n >> 1], 2)) {
      const proof = tree.inclusionProof(m, n);
      const ok = verifyInclusion(sha256LogHash, m, n, tree.leafHashAt(m), proof, roots[n]).ok;
      failures.check(ok, () => `index ${m} size ${n}`);
    }
  }
  expect(failures.list).toEqual([]);
  expect(failures.checks).toBeGreaterThan(4 * MAX_SIZE);
});

test('a mutated proof element, root or leaf hash is rejected, for every size', () => {
  const failures = new Failures();
  for (const { m, n, proof, leaf, random } of sampledProofs(2)) {
    const bit = () => between(random, 0, 255);
    const accepts = (p: Uint8Array[], l: Uint8Array, r: Uint8Array) =>
      verifyInclusion(hash, m, n, l, p, r).ok;
    proof.forEach((element, i) => {
      const mutated = proof.map((p, j) => (j === i ? flipBit(element, bit()) : p));
      failures.check(!accepts(mutated, leaf, roots[n]), () => `proof[${i}] of ${m} in ${n}`);
    });
    failures.check(!accepts(proof, leaf, flipBit(roots[n], bit())), () => `root, ${m} in ${n}`);
    failures.check(!accepts(proof, flipBit(leaf, bit()), roots[n]), () => `leaf, ${m} in ${n}`);
  }
  expect(failures.list).toEqual([]);
});

test('single-bit mutations of the index are rejected, for every size', () => {
  const failures = new Failures();
  for (const { m, n, proof, leaf } of sampledProofs(3)) {
    for (let b = 0; b <= bitLength(n); b++) {
      const m2 = m ^ (1 << b);
      const ok = verifyInclusion(hash, m2, n, leaf, proof, roots[n]).ok;
      failures.check(!ok, () => `index ${m} -> ${m2} in ${n}`);
    }
  }
  expect(failures.list).toEqual([]);
});

test('single-bit mutations of the size never prove the mutated tree, and agree with RFC 9162', () => {
  const failures = new Failures();
  let sameShape = 0;
  for (const { m, n, proof, leaf } of sampledProofs(4)) {
    for (let b = 0; b <= bitLength(n); b++) {
      const n2 = n ^ (1 << b);
      // Against the mutated size's real root: always rejected.
      if (n2 <= MAX_SIZE) {
        const ok = verifyInclusion(hash, m, n2, leaf, proof, roots[n2]).ok;
        failures.check(!ok, () => `${m} in ${n} accepted as in ${n2}`);
      }
      // Against the original root: accepted exactly when RFC 9162 §2.1.3.2 accepts, i.e. when
      // (m, n2) has the same proof shape, and the computed root is then the original one.
      const ours = verifyInclusion(hash, m, n2, leaf, proof, roots[n]).ok;
      const rfc = rfcVerifyInclusion(m, n2, leaf, proof, roots[n]);
      failures.check(ours === rfc, () => `${m} in ${n} as ${n2}: ours ${ours}, RFC ${rfc}`);
      if (ours) sameShape++;
    }
  }
  expect(failures.list).toEqual([]);
  expect(sameShape).toBeGreaterThan(0); // the caveat is real, not hypothetical
});

test('rootFromInclusionProof reports why it fails', () => {
  const proof = tree.inclusionProof(5, 8);
  const leaf = tree.leafHashAt(5);
  const code = (index: number, size: number, l = leaf, p = proof) => {
    const r = rootFromInclusionProof(hash, index, size, l, p);
    return r.ok ? 'ok' : r.code;
  };
  expect(code(5, 8)).toBe('ok');
  expect(code(8, 8)).toBe('index-out-of-range');
  expect(code(0, 0)).toBe('index-out-of-range');
  expect(code(5, 8, leaf.subarray(1))).toBe('bad-leaf-hash');
  expect(code(5, 8, leaf, proof.slice(1))).toBe('wrong-proof-size');
  expect(code(5, 2 ** 53)).toBe('invalid-argument');
  expect(code(-1, 8)).toBe('invalid-argument');
  const mismatch = verifyInclusion(hash, 5, 8, leaf, proof, roots[7]);
  expect(mismatch.ok || mismatch.code).toBe('root-mismatch');
});
