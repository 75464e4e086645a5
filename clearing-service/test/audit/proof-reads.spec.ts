import { inclusionPlan, neededNodes } from '../../src/audit/tree/tree-plan';
import { KeptTiles } from '../../src/audit/tree/kept-tiles';
import {
  KEPT_TILES_PER_LEVEL,
  keepsLevel,
  MAX_NODE_READS,
  planProofReads,
} from '../../src/audit/tree/proof-reads';
import { HASH_BYTES, TILE_WIDTH, tileKey } from '../../src/audit/tree/tiles';

const SIZE = 10_000_000;
const refsOf = (index: number, size = SIZE) =>
  neededNodes(inclusionPlan(index, size), { level: 0, idx: index });

describe('what a public proof reads', () => {
  it('keeps the levels with few tiles: at 10^7 leaves, level 6 and up', () => {
    expect(keepsLevel(5, SIZE)).toBe(false); // 4,883 tiles
    expect(keepsLevel(6, SIZE)).toBe(true); // 2,442 tiles
    expect(keepsLevel(0, TILE_WIDTH * KEPT_TILES_PER_LEVEL)).toBe(true);
    expect(keepsLevel(0, TILE_WIDTH * KEPT_TILES_PER_LEVEL + 1)).toBe(false);
  });

  it('reads the lower nodes alone and the kept levels’ tiles whole, then from memory', () => {
    const refs = refsOf(1_234_567);
    const cold = planProofReads(refs, SIZE, () => undefined);
    expect(cold.found.size).toBe(0);
    expect(cold.nodes.every((n) => n.level < 6)).toBe(true);
    expect(cold.nodes.length).toBeGreaterThan(0);
    expect(cold.tiles.every((t) => t.level >= 6 && t.keep)).toBe(true);
    // Every node is read, alone or in its tile (right-edge nodes of a level share one tile).
    const read = new Set([
      ...cold.nodes.map((n) => `n${n.level}:${n.idx}`),
      ...cold.tiles.map((t) => `t${tileKey(t)}`),
    ]);
    for (const ref of refs)
      expect(
        read.has(`n${ref.level}:${ref.idx}`) ||
          read.has(`t${tileKey({ level: ref.level, tile: Math.floor(ref.idx / TILE_WIDTH) })}`),
      ).toBe(true);
    // With the tiles it read kept, only the lower nodes are read again.
    const kept = new KeptTiles();
    for (const t of cold.tiles) kept.offer(tileKey(t), Buffer.alloc(TILE_WIDTH * HASH_BYTES, 7));
    const warm = planProofReads(refs, SIZE, (t) => kept.get(tileKey(t)));
    expect(warm.tiles).toEqual([]);
    expect(warm.nodes).toEqual(cold.nodes);
    expect(warm.found.size).toBe(refs.length - cold.nodes.length);
  });

  it('answers from a partly filled kept tile only for the nodes it holds', () => {
    const refs = [{ level: 8, idx: 3 }];
    const short = Buffer.alloc(3 * HASH_BYTES, 1); // nodes 0..2 of the tile
    const plan = planProofReads(refs, SIZE, () => short);
    expect(plan.found.size).toBe(0);
    expect(plan.tiles).toEqual([{ level: 8, tile: 0, keep: true }]);
  });

  it('reads whole tiles, not kept, when a page of proofs needs many lower nodes', () => {
    const refs = [1, 9_000, 2_000_000, 5_555_555, 9_999_999].flatMap((i) => refsOf(i));
    const plan = planProofReads(refs, SIZE, () => undefined);
    expect(plan.nodes).toEqual([]);
    const lower = plan.tiles.filter((t) => t.level < 6);
    expect(lower.length).toBeGreaterThan(MAX_NODE_READS / 2);
    expect(lower.every((t) => !t.keep)).toBe(true);
  });
});

describe('kept tiles', () => {
  it('keeps the longest copy of a tile, as its own buffer', () => {
    const tiles = new KeptTiles();
    const packet = Buffer.alloc(10 * HASH_BYTES, 5);
    tiles.offer('t', packet.subarray(0, 2 * HASH_BYTES));
    expect(tiles.get('t')!.length).toBe(2 * HASH_BYTES);
    expect(tiles.get('t')!.buffer).not.toBe(packet.buffer);
    tiles.offer('t', Buffer.alloc(4 * HASH_BYTES, 6));
    tiles.offer('t', Buffer.alloc(3 * HASH_BYTES, 9)); // shorter: ignored
    expect(tiles.get('t')).toEqual(Buffer.alloc(4 * HASH_BYTES, 6));
  });

  it('drops the oldest when full', () => {
    const tiles = new KeptTiles(2);
    for (const key of ['a', 'b', 'c']) tiles.offer(key, Buffer.alloc(HASH_BYTES));
    expect([tiles.get('a'), !!tiles.get('b'), !!tiles.get('c')]).toEqual([undefined, true, true]);
  });
});
