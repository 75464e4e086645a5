// Which tiles a proof needs, by arithmetic alone: sizes at 256 and 65,536 boundaries and far
// beyond anything a test could build, checked against the spec's definitions.
import {
  consistencyTiles,
  inclusionTiles,
  rootTiles,
  tileOfNode,
  tileWidth,
  type TileCoord,
} from '../../../src/audit';

const sorted = (tiles: TileCoord[]) =>
  [...tiles].sort((a, b) => a.level - b.level || a.index - b.index);

test("the spec's example: a tree of 70,000 leaves", () => {
  expect(tileWidth(0, 272, 70_000)).toBe(256);
  expect(tileWidth(0, 273, 70_000)).toBe(112);
  expect(tileWidth(0, 274, 70_000)).toBe(0);
  expect(tileWidth(1, 0, 70_000)).toBe(256);
  expect(tileWidth(1, 1, 70_000)).toBe(17);
  expect(tileWidth(2, 0, 70_000)).toBe(1);
  expect(tileWidth(3, 0, 70_000)).toBe(0);
  // "a tree of size 256 will be represented by a full level 0 tile and a partial level 1 tile of width 1"
  expect(tileWidth(0, 0, 256)).toBe(256);
  expect(tileWidth(1, 0, 256)).toBe(1);
});

test('a node of tree level 8L+r is the root of 2^r hashes of one level-L tile', () => {
  expect(tileOfNode({ level: 0, idx: 300 })).toEqual({ level: 0, index: 1, start: 44, end: 45 });
  expect(tileOfNode({ level: 7, idx: 3 })).toEqual({ level: 0, index: 1, start: 128, end: 256 });
  expect(tileOfNode({ level: 8, idx: 0 })).toEqual({ level: 1, index: 0, start: 0, end: 1 });
  expect(tileOfNode({ level: 15, idx: 1 })).toEqual({ level: 1, index: 0, start: 128, end: 256 });
  expect(tileOfNode({ level: 16, idx: 5 })).toEqual({ level: 2, index: 0, start: 5, end: 6 });
  expect(tileOfNode({ level: 40, idx: 1 })).toEqual({ level: 5, index: 0, start: 1, end: 2 });
});

test('inclusion at exact multiples of 256 and 65,536', () => {
  expect(sorted(inclusionTiles(0, 256))).toEqual([{ level: 0, index: 0, width: 256 }]);
  expect(sorted(inclusionTiles(0, 257))).toEqual([
    { level: 0, index: 0, width: 256 },
    { level: 0, index: 1, width: 1 },
  ]);
  // The sibling of the full first half is the level-8 node 1: a hash of the partial level-1 tile.
  expect(sorted(inclusionTiles(0, 512))).toEqual([
    { level: 0, index: 0, width: 256 },
    { level: 1, index: 0, width: 2 },
  ]);
  expect(sorted(inclusionTiles(65_535, 65_536))).toEqual([
    { level: 0, index: 255, width: 256 },
    { level: 1, index: 0, width: 256 },
  ]);
  expect(sorted(inclusionTiles(65_536, 65_537))).toEqual([
    { level: 0, index: 256, width: 1 },
    { level: 2, index: 0, width: 1 },
  ]);
  expect(sorted(inclusionTiles(0, 65_537))).toEqual([
    { level: 0, index: 0, width: 256 },
    { level: 0, index: 256, width: 1 },
    { level: 1, index: 0, width: 256 },
  ]);
});

test('consistency needs no tile of the older tree alone, and nothing for a power of two', () => {
  expect(consistencyTiles(256, 256)).toEqual([]);
  expect(sorted(consistencyTiles(256, 512))).toEqual([{ level: 1, index: 0, width: 2 }]);
  expect(sorted(consistencyTiles(65_536, 131_072))).toEqual([{ level: 2, index: 0, width: 2 }]);
  expect(sorted(consistencyTiles(1, 2))).toEqual([{ level: 0, index: 0, width: 2 }]);
});

test('every tile asked for exists at the size and reaches its node, far beyond buildable trees', () => {
  const sizes = [2 ** 24, 2 ** 24 + 1, 2 ** 32 - 1, 2 ** 32 + 255, 10 ** 12 + 12345, 2 ** 53 - 1];
  for (const size of sizes) {
    for (const index of [0, 1, 255, 256, 65_535, 65_536, Math.floor(size / 3), size - 1]) {
      for (const t of inclusionTiles(index, size)) {
        expect(t.width).toBeGreaterThan(0);
        expect(t.width).toBe(tileWidth(t.level, t.index, size));
      }
      // O(log n) tiles: at most two per tile level (the leaf's and a partial one) plus one.
      expect(inclusionTiles(index, size).length).toBeLessThanOrEqual(2 * 7 + 1);
    }
    for (const t of rootTiles(size)) expect(t.width).toBe(tileWidth(t.level, t.index, size));
    for (const from of [1, 256, 65_536, size - 1]) {
      for (const t of consistencyTiles(from, size))
        expect(t.width).toBe(tileWidth(t.level, t.index, size));
    }
  }
});
