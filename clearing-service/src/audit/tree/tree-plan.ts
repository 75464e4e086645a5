// RFC 9162 §2.1 arithmetic over STORED complete subtrees, with no database and no Nest, so it
// can be property-tested. The planning and folding (rangePlan, inclusionPlan, consistencyPlan,
// foldRange, neededNodes, lookupIn) are the sdk's, shared with clients that compute proofs from tlog-tiles; this file
// adds what only the store needs: one fetch of every needed node, and appending new leaves.
import {
  rangePlan,
  type NodeHasher,
  type NodeLookup,
  type NodeRef,
  type RangePlan,
} from '@tanlian/sdk';

export {
  consistencyPlan,
  foldPlans,
  foldRange,
  inclusionPlan,
  lookupIn,
  neededNodes,
  nodeKey,
  rangePlan,
  rootPlan,
  type NodeHasher,
  type NodeLookup,
  type NodeRef,
  type RangePlan,
} from '@tanlian/sdk';

export interface StoredNode extends NodeRef {
  readonly hash: Uint8Array;
}

/** The right frontier of a tree of `size` leaves: the stored nodes a new leaf may complete. */
export function frontierPlan(size: number): RangePlan {
  return size === 0 ? [] : rangePlan(0, size);
}

/**
 * Appends leaf hashes to a tree of `size` leaves whose frontier nodes `lookup` returns, and
 * returns every node that becomes complete: the new leaves and each parent whose right child is
 * new. Odd nodes are never promoted or duplicated: an incomplete subtree has no stored node.
 */
export function appendLeaves(
  size: number,
  leafHashes: readonly Uint8Array[],
  lookup: NodeLookup,
  node: NodeHasher,
): StoredNode[] {
  // The left sibling of a new right child is either on the stored frontier or the node created
  // last at its level in this batch.
  const lastCreated: (StoredNode | undefined)[] = [];
  const out: StoredNode[] = [];
  const put = (created: StoredNode) => {
    lastCreated[created.level] = created;
    out.push(created);
  };
  leafHashes.forEach((leaf, j) => {
    let idx = size + j;
    let level = 0;
    let hash = leaf;
    for (;;) {
      const previous = lastCreated[level];
      put({ level, idx, hash });
      if (idx % 2 === 0) break;
      const left =
        previous && previous.idx === idx - 1 ? previous.hash : lookup({ level, idx: idx - 1 });
      hash = node(left, hash);
      level += 1;
      idx = (idx - 1) / 2;
    }
  });
  return out;
}
