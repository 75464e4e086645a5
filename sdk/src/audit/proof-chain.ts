// The hash-chaining core of transparency-dev/merkle's proof/verify.go, shared by inclusion and
// consistency verification. Indexes and sizes are non-negative safe integers (see bits.ts).
import type { LogHash } from './hash';
import { bitAt, bitLength, onesCount, shiftRight, xor } from './bits';
import { nodeHash } from './tree-hash';

export type Proof = readonly Uint8Array[];

/**
 * Splits the inclusion proof of leaf `index` in a tree of `size` leaves at the level where the
 * paths to `index` and to `size - 1` diverge: `inner` hashes below it, `border` hashes above it.
 */
export function decompInclProof(index: number, size: number): { inner: number; border: number } {
  const inner = bitLength(xor(index, size - 1));
  const border = onesCount(shiftRight(index, inner));
  return { inner, border };
}

/** Chains `proof` upwards from `seed`, the node at `index` on its level. */
export function chainInner(
  hash: LogHash,
  seed: Uint8Array,
  proof: Proof,
  index: number,
): Uint8Array {
  for (let i = 0; i < proof.length; i++) {
    seed = bitAt(index, i) === 0 ? nodeHash(hash, seed, proof[i]) : nodeHash(hash, proof[i], seed);
  }
  return seed;
}

/**
 * Like chainInner but only folds in left siblings, which yields the hash of the earlier, smaller
 * version of the same subtree.
 */
export function chainInnerRight(
  hash: LogHash,
  seed: Uint8Array,
  proof: Proof,
  index: number,
): Uint8Array {
  for (let i = 0; i < proof.length; i++) {
    if (bitAt(index, i) === 1) seed = nodeHash(hash, proof[i], seed);
  }
  return seed;
}

/** Chains along the tree's right border, where every proof hash is a left sibling. */
export function chainBorderRight(hash: LogHash, seed: Uint8Array, proof: Proof): Uint8Array {
  for (const h of proof) seed = nodeHash(hash, h, seed);
  return seed;
}
