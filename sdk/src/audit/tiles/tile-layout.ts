// C2SP tlog-tiles geometry (https://c2sp.org/tlog-tiles): a tile of level L holds up to 256
// consecutive hashes of tree level 8·L, the leaves of a height-8 subtree; the tree levels between
// are recomputed by hashing. Which tiles (and which widths) a proof needs follows from the nodes
// its RFC 9162 plan folds (range-plan.ts): each node is the root of a run of a tile's hashes.
import { inclusionPlan, consistencyPlan, neededNodes, rootPlan, type NodeRef } from './range-plan';

export const TILE_HEIGHT = 8;
/** Hashes in a full tile (2^TILE_HEIGHT). */
export const FULL_TILE_WIDTH = 256;

/**
 * The name of a log's tile format: C2SP defines tlog-tiles for SHA-256 only; an SM3 log serves the
 * same paths and layout with SM3 leaf and node hashes (RFC 9162 prefixes 0x00/0x01), named
 * `tanlian-sm3` so no client mistakes it for the standard one.
 */
export function tileFormatOf(hash: 'sha256' | 'sm3'): 'tlog-tiles' | 'tanlian-sm3' {
  return hash === 'sha256' ? 'tlog-tiles' : 'tanlian-sm3';
}

/** A tile of a tree of a given size: `width` FULL_TILE_WIDTH when full, else 1..255 (partial). */
export interface TileCoord {
  readonly level: number;
  readonly index: number;
  readonly width: number;
}

/** Tree nodes one hash of a level-`level` tile covers: 256^level leaves. */
export function leavesPerHash(level: number): number {
  return 2 ** (TILE_HEIGHT * level);
}

/**
 * Width of tile (level, index) in the tree of `size` leaves: the count of its hashes whose
 * subtrees are complete, at most 256; 0 when the tile has none yet (it must not be served).
 */
export function tileWidth(level: number, index: number, size: number): number {
  const hashes = Math.floor(size / leavesPerHash(level));
  return Math.max(0, Math.min(FULL_TILE_WIDTH, hashes - index * FULL_TILE_WIDTH));
}

/** Where a node lives: tile (level, index) and the run [start, end) of its hashes it is root of. */
export interface TileOfNode {
  readonly level: number;
  readonly index: number;
  readonly start: number;
  readonly end: number;
}

export function tileOfNode(ref: NodeRef): TileOfNode {
  const level = Math.floor(ref.level / TILE_HEIGHT);
  const run = 2 ** (ref.level - level * TILE_HEIGHT); // hashes of tree level 8·level under it
  const first = ref.idx * run;
  const index = Math.floor(first / FULL_TILE_WIDTH);
  const start = first - index * FULL_TILE_WIDTH;
  return { level, index, start, end: start + run };
}

/**
 * The distinct tiles holding `refs`, each at its width in the tree of `size` leaves. A node of a
 * tree of that size is complete, so its tile always reaches it (checked: a bug must not become a
 * request for a tile the log never serves).
 */
export function tilesFor(refs: readonly NodeRef[], size: number): TileCoord[] {
  const out = new Map<string, TileCoord>();
  for (const ref of refs) {
    const at = tileOfNode(ref);
    const width = tileWidth(at.level, at.index, size);
    if (at.end > width) {
      throw new RangeError(`node ${ref.level}:${ref.idx} is not complete in a tree of ${size}`);
    }
    out.set(`${at.level}/${at.index}`, { level: at.level, index: at.index, width });
  }
  return [...out.values()];
}

/** Nodes of the leaf hash and PATH(index, D[size]). */
export function inclusionNodes(index: number, size: number): NodeRef[] {
  return neededNodes(inclusionPlan(index, size), { level: 0, idx: index });
}

/** Tiles a client fetches to compute leaf `index`'s hash and inclusion proof at `size`. */
export function inclusionTiles(index: number, size: number): TileCoord[] {
  return tilesFor(inclusionNodes(index, size), size);
}

/** Tiles a client fetches to compute PROOF(from, D[to]) (both roots come from checkpoints). */
export function consistencyTiles(from: number, to: number): TileCoord[] {
  return tilesFor(neededNodes(consistencyPlan(from, to)), to);
}

/** Tiles that give MTH(D[0:size]); none for the empty tree. */
export function rootTiles(size: number): TileCoord[] {
  return tilesFor(neededNodes(rootPlan(size)), size);
}
