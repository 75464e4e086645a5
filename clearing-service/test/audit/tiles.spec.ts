import { appendLeaves, frontierPlan, lookupIn, nodeKey } from '../../src/audit/tree/tree-plan';
import {
  nodeInTile,
  storedRowsOfPublicTile,
  tileAppends,
  tileOf,
  tilesOf,
  TILE_WIDTH,
} from '../../src/audit/tree/tiles';
import { nodeLogHash, treeHashes } from '../../src/audit/tree/log-hash';
import { rootFromLeafHashes, sha256LogHash } from '@tanlian/sdk';

const h = treeHashes(nodeLogHash('sha256'));
const leaf = (i: number) => h.leaf(Buffer.from(`leaf ${i}`));

/** The tiles a real integrator would hold, grown batch by batch through tileAppends. */
function growTiles(batches: number[]): { tiles: Map<string, Buffer>; size: number } {
  const tiles = new Map<string, Buffer>();
  let size = 0;
  for (const count of batches) {
    const stored = new Map<string, Uint8Array>();
    for (const ref of frontierPlan(size)) {
      const at = tileOf(ref);
      stored.set(nodeKey(ref), nodeInTile(tiles.get(`${at.level}/${at.tile}`)!, at.offset)!);
    }
    const created = appendLeaves(
      size,
      Array.from({ length: count }, (_, j) => leaf(size + j)),
      lookupIn(stored),
      h.node,
    );
    for (const a of tileAppends(created)) {
      const key = `${a.level}/${a.tile}`;
      const before = tiles.get(key) ?? Buffer.alloc(0);
      expect(before.length).toBe(a.offset * 32); // a run starts exactly where its tile ends
      tiles.set(key, Buffer.concat([before, a.bytes]));
    }
    size += count;
  }
  return { tiles, size };
}

describe('audit tiles', () => {
  it('places node (level, idx) in tile idx / TILE_WIDTH of its level, at idx % TILE_WIDTH', () => {
    expect(tileOf({ level: 3, idx: 0 })).toEqual({ level: 3, tile: 0, offset: 0 });
    expect(TILE_WIDTH).toBe(64);
    expect(tileOf({ level: 0, idx: 63 })).toEqual({ level: 0, tile: 0, offset: 63 });
    expect(tileOf({ level: 0, idx: 64 })).toEqual({ level: 0, tile: 1, offset: 0 });
    expect(
      tilesOf([
        { level: 0, idx: 1 },
        { level: 0, idx: 40 },
        { level: 0, idx: 70 },
        { level: 1, idx: 1 },
      ]),
    ).toEqual([
      { level: 0, tile: 0 },
      { level: 0, tile: 1 },
      { level: 1, tile: 0 },
    ]);
    expect(nodeInTile(Buffer.alloc(64, 1), 1)).toEqual(new Uint8Array(32).fill(1));
    expect(nodeInTile(Buffer.alloc(64, 1), 2)).toBeUndefined();
  });

  it('holds exactly the complete subtrees of the tree, whatever the batch sizes', () => {
    for (const batches of [[1], [3, 1, 700], [TILE_WIDTH], [255, 2, 1, 4096, 13], [1000, 1000]]) {
      const { tiles, size } = growTiles(batches);
      const leaves = Array.from({ length: size }, (_, i) => leaf(i));
      for (let level = 0; 2 ** level <= size; level++) {
        const complete = Math.floor(size / 2 ** level);
        let bytes = 0;
        for (const [key, tile] of tiles) if (key.startsWith(`${level}/`)) bytes += tile.length;
        expect([batches, level, bytes / 32]).toEqual([batches, level, complete]);
        // Spot-check node hashes against the reference tree's subtree roots.
        for (const idx of [0, complete - 1]) {
          const at = tileOf({ level, idx });
          const got = nodeInTile(tiles.get(`${at.level}/${at.tile}`)!, at.offset)!;
          const want = rootFromLeafHashes(
            sha256LogHash,
            leaves.slice(idx * 2 ** level, (idx + 1) * 2 ** level),
          );
          expect(Buffer.from(got).equals(Buffer.from(want))).toBe(true);
        }
      }
    }
  });

  it('refuses a batch whose nodes of a tile are not one contiguous run', () => {
    const hash = new Uint8Array(32);
    expect(() =>
      tileAppends([
        { level: 0, idx: 4, hash },
        { level: 0, idx: 6, hash },
      ]),
    ).toThrow(/does not follow the run in tile 0\/0/);
  });
});

describe('tlog-tiles from stored rows', () => {
  it('a level-L tile is the level-8L nodes of four stored rows, only as many as its width needs', () => {
    expect(storedRowsOfPublicTile(0, 0, 256)).toEqual({ level: 0, first: 0, last: 3 });
    expect(storedRowsOfPublicTile(0, 11, 185)).toEqual({ level: 0, first: 44, last: 46 });
    expect(storedRowsOfPublicTile(1, 0, 11)).toEqual({ level: 8, first: 0, last: 0 });
    expect(storedRowsOfPublicTile(2, 3, 64)).toEqual({ level: 16, first: 12, last: 12 });
    expect(storedRowsOfPublicTile(2, 3, 65)).toEqual({ level: 16, first: 12, last: 13 });
  });
});
