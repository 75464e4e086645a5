// Consistency proof verification with the semantics of transparency-dev/merkle
// proof.RootFromConsistencyProof / proof.VerifyConsistency (current upstream: a proof from the
// empty tree is refused even when size2 is 0 too, as the vectors in testdata/merkle expect).
import type { LogHash } from './hash';
import { isTreeSize, shiftRight, trailingZeros } from './bits';
import { equalBytes } from './bytes';
import {
  chainBorderRight,
  chainInner,
  chainInnerRight,
  decompInclProof,
  type Proof,
} from './proof-chain';
import { fail, OK, type AuditResult } from './result';

/**
 * Computes the root of the tree of `size2` leaves implied by a consistency proof from the tree of
 * `size1` leaves with root `root1`, after checking the proof against `root1`.
 * Requires 0 < size1 <= size2.
 */
export function rootFromConsistencyProof(
  hash: LogHash,
  size1: number,
  size2: number,
  proof: Proof,
  root1: Uint8Array,
): AuditResult<{ root: Uint8Array }> {
  if (!isTreeSize(size1) || !isTreeSize(size2)) {
    return fail(
      'invalid-argument',
      `sizes ${size1} and ${size2} must be safe non-negative integers`,
    );
  }
  if (size2 < size1) return fail('size-order', `size2 (${size2}) < size1 (${size1})`);
  if (size1 === 0) return fail('empty-tree', 'consistency proof from empty tree is meaningless');
  if (size1 === size2) {
    if (proof.length > 0) return fail('unexpected-proof', 'size1=size2, but proof is not empty');
    return { ok: true, root: root1 };
  }
  if (proof.length === 0) return fail('empty-proof', 'empty proof');

  const decomposition = decompInclProof(size1 - 1, size2);
  const shift = trailingZeros(size1);
  const inner = decomposition.inner - shift; // shift < inner when size1 < size2
  const border = decomposition.border;

  // The proof starts with the root of the rightmost perfect subtree of the size1 tree, unless
  // size1 is itself a power of two: then that subtree is the whole tree and root1 is the seed.
  const seedIsRoot1 = size1 === 2 ** shift;
  const seed = seedIsRoot1 ? root1 : proof[0];
  const start = seedIsRoot1 ? 0 : 1;
  if (proof.length !== start + inner + border) {
    return fail(
      'wrong-proof-size',
      `wrong proof size ${proof.length}, want ${start + inner + border}`,
    );
  }
  const rest = proof.slice(start);
  const innerPart = rest.slice(0, inner);
  const borderPart = rest.slice(inner);
  const mask = shiftRight(size1 - 1, shift); // chaining starts at level `shift`

  const hash1 = chainBorderRight(hash, chainInnerRight(hash, seed, innerPart, mask), borderPart);
  if (!equalBytes(hash1, root1)) {
    return fail('root-mismatch', `the consistency proof does not match the root at size ${size1}`);
  }
  return {
    ok: true,
    root: chainBorderRight(hash, chainInner(hash, seed, innerPart, mask), borderPart),
  };
}

/** Checks that the tree of `size2` leaves with `root2` extends the tree of `size1` with `root1`. */
export function verifyConsistency(
  hash: LogHash,
  size1: number,
  size2: number,
  proof: Proof,
  root1: Uint8Array,
  root2: Uint8Array,
): AuditResult {
  const computed = rootFromConsistencyProof(hash, size1, size2, proof, root1);
  if (!computed.ok) return computed;
  if (!equalBytes(computed.root, root2)) {
    return fail('root-mismatch', `the consistency proof does not match the root at size ${size2}`);
  }
  return OK;
}
