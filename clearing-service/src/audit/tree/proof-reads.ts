import { nodeKey, type NodeRef } from './tree-plan';
import { nodeInTile, tileKey, tileOf, TILE_WIDTH, type TileRef } from './tiles';

/**
 * Tiles of a level are kept in memory for the public proofs when the level has at most this many
 * (a tree of 10^7 leaves: levels 6 and up, ~4,900 tiles of 2 KB). Every proof passes through one
 * tile of each level, so those are read once and then shared by all proofs; a tile of a lower
 * level is on the path of few proofs, and keeping it would churn the heap for nothing.
 */
export const KEPT_TILES_PER_LEVEL = 4_096;

/** Above this many, a proof's lower nodes are read as their whole tiles in one statement instead. */
export const MAX_NODE_READS = 32;

export function keepsLevel(level: number, size: number): boolean {
  return Math.ceil(size / 2 ** level / TILE_WIDTH) <= KEPT_TILES_PER_LEVEL;
}

export interface ProofReads {
  /** Nodes found in kept tiles. */
  readonly found: Map<string, Uint8Array>;
  /** Nodes to read alone: 32 bytes each, nothing kept. */
  readonly nodes: NodeRef[];
  /** Tiles to read whole; `keep` says whether each is kept afterwards. */
  readonly tiles: (TileRef & { keep: boolean })[];
}

/**
 * What the public proofs of a tree of `size` leaves read for `refs`: kept tiles first (a node in a
 * kept tile never changes: the log only appends, so even a partly filled tile answers for the
 * nodes it holds), the lower levels' nodes alone, and the kept levels' missing tiles whole.
 */
export function planProofReads(
  refs: readonly NodeRef[],
  size: number,
  kept: (tile: TileRef) => Uint8Array | undefined,
): ProofReads {
  const found = new Map<string, Uint8Array>();
  const nodes = new Map<string, NodeRef>();
  const tiles = new Map<string, TileRef & { keep: boolean }>();
  for (const ref of refs) {
    const at = tileOf(ref);
    if (!keepsLevel(ref.level, size)) {
      nodes.set(nodeKey(ref), ref);
      continue;
    }
    const tile = kept(at);
    const hash = tile && nodeInTile(tile, at.offset);
    if (hash) found.set(nodeKey(ref), hash);
    else tiles.set(tileKey(at), { level: at.level, tile: at.tile, keep: true });
  }
  if (nodes.size <= MAX_NODE_READS)
    return { found, nodes: [...nodes.values()], tiles: [...tiles.values()] };
  for (const ref of nodes.values()) {
    const { level, tile } = tileOf(ref);
    if (!tiles.has(tileKey({ level, tile })))
      tiles.set(tileKey({ level, tile }), { level, tile, keep: false });
  }
  return { found, nodes: [], tiles: [...tiles.values()] };
}
