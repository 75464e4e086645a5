// tlog-tiles paths: the spec's own example, one spelling per tile, and a refusal naming the part.
import {
  formatEntriesPath,
  formatTileIndex,
  formatTilePath,
  parseTilePath,
} from '../../../src/audit';

test('index elements are 3 digits, all but the last prefixed x', () => {
  expect(formatTileIndex(1234067)).toBe('x001/x234/067');
  expect(formatTileIndex(0)).toBe('000');
  expect(formatTileIndex(999)).toBe('999');
  expect(formatTileIndex(1000)).toBe('x001/000');
  expect(formatTileIndex(2 ** 45)).toBe('x035/x184/x372/x088/832');
});

test('full and partial tiles and entry bundles', () => {
  expect(formatTilePath({ level: 0, index: 1234067, width: 256 })).toBe('tile/0/x001/x234/067');
  expect(formatTilePath({ level: 2, index: 5, width: 17 })).toBe('tile/2/005.p/17');
  expect(formatEntriesPath(1000, 256)).toBe('tile/entries/x001/000');
  expect(formatEntriesPath(3, 1)).toBe('tile/entries/003.p/1');
  expect(() => formatTilePath({ level: 0, index: 0, width: 0 })).toThrow(RangeError);
  expect(() => formatTilePath({ level: 0, index: 0, width: 257 })).toThrow(RangeError);
});

test('parse inverts format', () => {
  for (const index of [0, 1, 999, 1000, 1234067, 2 ** 40 + 7]) {
    for (const width of [1, 128, 255, 256]) {
      for (const level of [0, 1, 5, 63]) {
        const path = formatTilePath({ level, index, width }).slice('tile/'.length);
        expect(parseTilePath(path)).toEqual({
          ok: true,
          kind: 'hashes',
          tile: { level, index, width },
        });
      }
      const entries = formatEntriesPath(index, width).slice('tile/'.length);
      expect(parseTilePath(entries)).toEqual({
        ok: true,
        kind: 'entries',
        tile: { level: 0, index, width },
      });
    }
  }
});

test.each([
  ['00/000', 'level'],
  ['64/000', 'level'],
  ['-1/000', 'level'],
  ['a/000', 'level'],
  ['0', 'index'],
  ['0/', 'index'],
  ['0/1', 'index'],
  ['0/0001', 'index'],
  ['0/x000/001', 'index'],
  ['0/001/x002', 'index'],
  ['0/x1/002', 'index'],
  ['0/001.p', 'index'],
  ['0/001.p/0', 'width'],
  ['0/001.p/256', 'width'],
  ['0/001.p/07', 'width'],
  ['0/001.p/', 'width'],
  ['entries/12', 'index'],
  ['entries/012.p/300', 'width'],
])('%s is refused at its %s', (path, part) => {
  const parsed = parseTilePath(path);
  expect(parsed).toMatchObject({ ok: false, part });
});
