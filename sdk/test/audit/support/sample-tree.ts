// One shared 2000-leaf tree for the property tests: every smaller tree is a prefix of it, so the
// root of every size is computed once and proofs for any (index, size) come from the cache.
import { MerkleTree, type LogHash } from '../../../src/audit';
import { between, prng, syntheticLeafHash } from './leaves';

export const MAX_SIZE = 2000;

export function buildSampleTree(
  hash: LogHash,
  size = MAX_SIZE,
): { tree: MerkleTree; roots: Uint8Array[] } {
  const tree = new MerkleTree(hash);
  for (let i = 0; i < size; i++) tree.appendLeafHash(syntheticLeafHash(i));
  const roots = Array.from({ length: size + 1 }, (_, n) => tree.root(n));
  return { tree, roots };
}

/** A few distinct values: the fixed edge cases plus `extra` reproducible random ones in [min, max]. */
export function sample(
  random: () => number,
  min: number,
  max: number,
  fixed: number[],
  extra: number,
): number[] {
  const values = new Set(fixed.filter((v) => v >= min && v <= max));
  for (let i = 0; i < extra; i++) values.add(between(random, min, max));
  return [...values];
}

export { prng };
