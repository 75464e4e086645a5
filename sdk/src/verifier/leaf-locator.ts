// When the leaves do not hash to a checkpoint's root, find which leaf changed: binary search over
// the prefixes since the previous checkpoint, asking the log for a consistency proof from each
// prefix (as we recompute it) to the signed tree. The proofs come from the log's stored subtrees,
// which still hold the hashes of the leaves it signed. O(log n) proofs, only after a failure.
import { verifyConsistency } from '../audit/consistency';
import type { LogHash } from '../audit/hash';
import type { Checkpoint } from '../audit/checkpoint';
import { fetchConsistencyProof, type AuditLogSource } from './source';
import type { TreeFrontier } from './tree-frontier';

/** Leaf hashes kept per checkpoint interval at most (2 MB); beyond, a bad root names no leaf. */
export const LOCATOR_WINDOW_LIMIT = 1 << 16;

/** The leaf hashes since the last verified checkpoint, on top of the tree at that checkpoint. */
export class CheckpointWindow {
  private hashes: Uint8Array[] | null = [];

  constructor(private readonly base: TreeFrontier) {}

  get start(): number {
    return this.base.size;
  }

  get usable(): boolean {
    return this.hashes !== null;
  }

  push(leafHash: Uint8Array): void {
    if (this.hashes === null) return;
    if (this.hashes.length >= LOCATOR_WINDOW_LIMIT) this.hashes = null;
    else this.hashes.push(leafHash);
  }

  /** The root of the first `size` leaves as we received them; start <= size <= start + kept. */
  rootAt(size: number): Uint8Array {
    const frontier = this.base.clone();
    const hashes = this.hashes as Uint8Array[];
    for (let i = 0; i < size - this.start; i++) frontier.append(hashes[i]);
    return frontier.root();
  }
}

/**
 * The index of the first leaf whose prefix the log's own proofs show is not part of the signed
 * tree, or null when it cannot be told (window dropped, the source failed, or only leaf 0 is left:
 * no proof can start from the empty tree).
 */
export async function locateChangedLeaf(
  source: AuditLogSource,
  hash: LogHash,
  window: CheckpointWindow,
  checkpoint: Checkpoint,
): Promise<number | null> {
  if (!window.usable) return null;
  const { size, rootHash } = checkpoint;
  const matches = async (prefix: number): Promise<boolean> => {
    const fetched = await fetchConsistencyProof(source, prefix, size);
    if ('problem' in fetched) return false;
    const root = window.rootAt(prefix);
    return verifyConsistency(hash, prefix, size, fetched.proof, root, rootHash).ok;
  };
  // Invariant: the prefix of `good` leaves is in the signed tree (the previous checkpoint proved
  // it, or nothing is known at 0); the prefix of `bad` leaves is not.
  let good = window.start;
  let bad = size;
  try {
    while (bad - good > 1) {
      const middle = good + Math.floor((bad - good) / 2);
      if (await matches(middle)) good = middle;
      else bad = middle;
    }
  } catch {
    return null; // the search is a courtesy; the root mismatch itself is already established
  }
  return good > 0 ? bad - 1 : null;
}
