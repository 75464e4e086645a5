import type { NodeRef, StoredNode } from './tree-plan';

// Stored subtree hashes are kept in tiles: the nodes of one level in runs of TILE_WIDTH, 32
// bytes each, one row per run (as C2SP tlog-tiles does). A million leaves then take ~31,000 rows
// instead of two million, so sealing writes little and a proof still reads one query of rows.
// 64 rather than tlog-tiles' 256: a 2 KB row stays inside its InnoDB page, where an 8 KB one is
// stored off-page and costs a proof a second page read per tile (p99 at 10^7 leaves, bench:audit).

export const TILE_WIDTH = 64;
export const HASH_BYTES = 32;

export interface TileRef {
  readonly level: number;
  readonly tile: number;
}

export function tileKey(ref: TileRef): string {
  return `${ref.level}/${ref.tile}`;
}

export function tileOf(ref: NodeRef): TileRef & { offset: number } {
  return {
    level: ref.level,
    tile: Math.floor(ref.idx / TILE_WIDTH),
    offset: ref.idx % TILE_WIDTH,
  };
}

/** The distinct tiles holding these nodes. */
export function tilesOf(refs: readonly NodeRef[]): TileRef[] {
  const seen = new Map<string, TileRef>();
  for (const ref of refs) {
    const { level, tile } = tileOf(ref);
    seen.set(tileKey({ level, tile }), { level, tile });
  }
  return [...seen.values()];
}

/** A node's hash out of its tile's bytes; undefined when the tile does not reach it yet. */
export function nodeInTile(hashes: Uint8Array, offset: number): Uint8Array | undefined {
  const start = offset * HASH_BYTES;
  return start + HASH_BYTES <= hashes.length
    ? hashes.subarray(start, start + HASH_BYTES)
    : undefined;
}

/** New nodes for one tile: appended at `offset` (0: the tile is new). */
export interface TileAppend extends TileRef {
  readonly offset: number;
  readonly bytes: Buffer;
}

/**
 * Groups newly completed nodes by tile. Nodes of a level complete in index order, so each
 * tile's new nodes are one contiguous run; anything else is a broken batch and throws.
 */
export function tileAppends(created: readonly StoredNode[]): TileAppend[] {
  const runs = new Map<string, { ref: TileRef & { offset: number }; hashes: Uint8Array[] }>();
  for (const node of created) {
    const at = tileOf(node);
    const key = tileKey(at);
    const run = runs.get(key);
    if (!run) {
      runs.set(key, { ref: at, hashes: [node.hash] });
      continue;
    }
    if (at.offset !== run.ref.offset + run.hashes.length) {
      throw new Error(`node ${node.level}/${node.idx} does not follow the run in tile ${key}`);
    }
    run.hashes.push(node.hash);
  }
  return [...runs.values()].map(({ ref, hashes }) => ({
    ...ref,
    bytes: Buffer.concat(hashes.map((h) => Buffer.from(h.buffer, h.byteOffset, h.byteLength))),
  }));
}

/** Stored tiles in one C2SP tlog-tiles tile (256 hashes): tlog-tiles are served from ours. */
export const STORED_PER_PUBLIC_TILE = 256 / TILE_WIDTH;

/**
 * The stored rows that make up the first `width` hashes of C2SP tile (level, index): hashes of
 * tree level 8·level (tlog-tiles' tile height is 8), stored tiles 4·index onwards.
 */
export function storedRowsOfPublicTile(
  level: number,
  index: number,
  width: number,
): { level: number; first: number; last: number } {
  const first = index * STORED_PER_PUBLIC_TILE;
  return { level: 8 * level, first, last: first + Math.ceil(width / TILE_WIDTH) - 1 };
}
