// Inclusion proof verification with the semantics of transparency-dev/merkle
// proof.RootFromInclusionProof / proof.VerifyInclusion.
//
// Note: an inclusion proof does not by itself authenticate the tree size; sizes with the same
// proof shape yield the same computed root. The size must come from the same signed checkpoint as
// the root (see receipt.ts).
import { LOG_HASH_SIZE, type LogHash } from './hash';
import { isTreeSize } from './bits';
import { equalBytes } from './bytes';
import { chainBorderRight, chainInner, decompInclProof, type Proof } from './proof-chain';
import { fail, OK, type AuditResult } from './result';

/** Computes the root implied by an inclusion proof; requires 0 <= index < size. */
export function rootFromInclusionProof(
  hash: LogHash,
  index: number,
  size: number,
  leafHash: Uint8Array,
  proof: Proof,
): AuditResult<{ root: Uint8Array }> {
  if (!isTreeSize(index) || !isTreeSize(size)) {
    return fail(
      'invalid-argument',
      `index ${index} and size ${size} must be safe non-negative integers`,
    );
  }
  if (index >= size) {
    return fail('index-out-of-range', `index is beyond size: ${index} >= ${size}`);
  }
  if (leafHash.length !== LOG_HASH_SIZE) {
    return fail(
      'bad-leaf-hash',
      `leafHash has unexpected size ${leafHash.length}, want ${LOG_HASH_SIZE}`,
    );
  }
  const { inner, border } = decompInclProof(index, size);
  if (proof.length !== inner + border) {
    return fail('wrong-proof-size', `wrong proof size ${proof.length}, want ${inner + border}`);
  }
  const res = chainInner(hash, leafHash, proof.slice(0, inner), index);
  return { ok: true, root: chainBorderRight(hash, res, proof.slice(inner)) };
}

/** Checks that `leafHash` is leaf `index` of the tree of `size` leaves with the given root. */
export function verifyInclusion(
  hash: LogHash,
  index: number,
  size: number,
  leafHash: Uint8Array,
  proof: Proof,
  root: Uint8Array,
): AuditResult {
  const computed = rootFromInclusionProof(hash, index, size, leafHash, proof);
  if (!computed.ok) return computed;
  if (!equalBytes(computed.root, root)) {
    return fail('root-mismatch', 'the inclusion proof does not lead to the expected root hash');
  }
  return OK;
}
