// Consistency proofs over every tree size 1..2000: sampled proofs verify, and single-bit mutations
// are rejected. As with inclusion proofs, size2 is bound by the signed checkpoint, not the proof:
// a mutated size2 with the same proof shape and the original root2 is accepted by RFC 9162's own
// algorithm too, so that case is checked for agreement, and the mutated tree's real root must fail.
import { sha256LogHash, verifyConsistency, rootFromConsistencyProof } from '../../src/audit';
import { bitLength } from '../../src/audit/bits';
import { Failures } from './support/failures';
import { nodeLogHash } from './support/node-hashes';
import { between, flipBit } from './support/leaves';
import { rfcVerifyConsistency } from './support/rfc-verify';
import { MAX_SIZE, buildSampleTree, prng, sample } from './support/sample-tree';

// The tree and the many mutation checks hash with node:crypto's SHA-256 (about 3x faster than
// noble under jest); the sampled proofs are verified with the production sha256LogHash, which also
// cross-checks the two SHA-256 implementations.
const hash = nodeLogHash('sha256');
const { tree, roots } = buildSampleTree(hash);
const sizes = Array.from({ length: MAX_SIZE }, (_, i) => i + 1);
const largestPowerOfTwoUpTo = (n: number) => 2 ** (bitLength(n) - 1);

test('sampled consistency proofs verify for every size 1..2000', () => {
  const random = prng(11);
  const failures = new Failures();
  for (const n of sizes) {
    for (const m of sample(random, 1, n, [1, n, n - 1, largestPowerOfTwoUpTo(n)], 2)) {
      const proof = tree.consistencyProof(m, n);
      const ok = verifyConsistency(sha256LogHash, m, n, proof, roots[m], roots[n]).ok;
      failures.check(ok, () => `${m} -> ${n}`);
    }
  }
  expect(failures.list).toEqual([]);
  expect(failures.checks).toBeGreaterThan(4 * MAX_SIZE);
});

/** One random 0 < m < n per size 2..2000, with its proof. */
function* sampledProofs(seed: number) {
  const random = prng(seed);
  for (const n of sizes.slice(1)) {
    const m = between(random, 1, n - 1);
    yield { m, n, proof: tree.consistencyProof(m, n), random };
  }
}

test('a mutated proof element or root is rejected, for every size', () => {
  const failures = new Failures();
  for (const { m, n, proof, random } of sampledProofs(12)) {
    const bit = () => between(random, 0, 255);
    const accepts = (p: Uint8Array[], r1: Uint8Array, r2: Uint8Array) =>
      verifyConsistency(hash, m, n, p, r1, r2).ok;
    proof.forEach((element, i) => {
      const mutated = proof.map((p, j) => (j === i ? flipBit(element, bit()) : p));
      failures.check(!accepts(mutated, roots[m], roots[n]), () => `proof[${i}], ${m} -> ${n}`);
    });
    failures.check(!accepts(proof, flipBit(roots[m], bit()), roots[n]), () => `root1 ${m}->${n}`);
    failures.check(!accepts(proof, roots[m], flipBit(roots[n], bit())), () => `root2 ${m}->${n}`);
    failures.check(!accepts(proof, roots[n], roots[m]), () => `swapped roots ${m} -> ${n}`);
  }
  expect(failures.list).toEqual([]);
});

test('single-bit mutations of size1 are rejected, for every size', () => {
  const failures = new Failures();
  for (const { m, n, proof } of sampledProofs(13)) {
    for (let b = 0; b <= bitLength(n); b++) {
      const m2 = m ^ (1 << b);
      const ok = verifyConsistency(hash, m2, n, proof, roots[m], roots[n]).ok;
      failures.check(!ok, () => `size1 ${m} -> ${m2}, size2 ${n}`);
      if (m2 <= n) {
        const real = verifyConsistency(hash, m2, n, proof, roots[m2], roots[n]).ok;
        failures.check(!real, () => `size1 ${m} -> ${m2} with its root, size2 ${n}`);
      }
    }
  }
  expect(failures.list).toEqual([]);
});

test('single-bit mutations of size2 never prove the mutated tree, and agree with RFC 9162', () => {
  const failures = new Failures();
  let sameShape = 0;
  for (const { m, n, proof } of sampledProofs(14)) {
    for (let b = 0; b <= bitLength(n); b++) {
      const n2 = n ^ (1 << b);
      if (n2 <= MAX_SIZE) {
        const real = verifyConsistency(hash, m, n2, proof, roots[m], roots[n2]).ok;
        failures.check(!real, () => `${m} -> ${n} accepted as ${m} -> ${n2}`);
      }
      const ours = verifyConsistency(hash, m, n2, proof, roots[m], roots[n]).ok;
      const rfc = m < n2 && rfcVerifyConsistency(m, n2, proof, roots[m], roots[n]);
      failures.check(ours === rfc, () => `${m} -> ${n} as ${n2}: ours ${ours}, RFC ${rfc}`);
      if (ours) sameShape++;
    }
  }
  expect(failures.list).toEqual([]);
  expect(sameShape).toBeGreaterThan(0);
});

test('rootFromConsistencyProof reports why it fails', () => {
  const proof = tree.consistencyProof(3, 8);
  const code = (m: number, n: number, p = proof, root1 = roots[Math.min(m, MAX_SIZE)]) => {
    const r = rootFromConsistencyProof(hash, m, n, p, root1);
    return r.ok ? 'ok' : r.code;
  };
  expect(code(3, 8)).toBe('ok');
  expect(code(9, 8)).toBe('size-order');
  expect(code(0, 8)).toBe('empty-tree');
  expect(code(0, 0, [])).toBe('empty-tree');
  expect(code(8, 8)).toBe('unexpected-proof');
  expect(code(3, 8, [])).toBe('empty-proof');
  expect(code(3, 8, proof.slice(1))).toBe('wrong-proof-size');
  expect(code(3, 8, proof, roots[4])).toBe('root-mismatch');
  expect(code(2 ** 53, 2 ** 53 + 2)).toBe('invalid-argument');
  const mismatch = verifyConsistency(hash, 3, 8, proof, roots[3], roots[7]);
  expect(mismatch.ok || mismatch.code).toBe('root-mismatch');
  expect(verifyConsistency(hash, 8, 8, [], roots[8], roots[8])).toEqual({ ok: true });
});
