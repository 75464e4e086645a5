import { CompleteTiles } from '../../src/audit/tree/complete-tiles';
import { HASH_BYTES, TILE_WIDTH } from '../../src/audit/tree/tiles';

const full = (fill: number) => Buffer.alloc(TILE_WIDTH * HASH_BYTES, fill);

describe('complete tiles in memory', () => {
  it('keeps only full tiles: a partly filled one may still grow', () => {
    const tiles = new CompleteTiles();
    tiles.offer('1/0/0', full(1));
    tiles.offer('1/0/1', Buffer.alloc((TILE_WIDTH - 1) * HASH_BYTES, 2));
    expect(tiles.get('1/0/0')).toEqual(full(1));
    expect(tiles.get('1/0/1')).toBeUndefined();
  });

  it('keeps the first copy and drops the oldest when full', () => {
    const tiles = new CompleteTiles(2);
    tiles.offer('a', full(1));
    tiles.offer('a', full(9));
    tiles.offer('b', full(2));
    tiles.offer('c', full(3));
    expect(tiles.get('a')).toBeUndefined();
    expect(tiles.get('b')).toEqual(full(2));
    expect(tiles.get('c')).toEqual(full(3));
  });

  it('keeps what it is offered when the caller alone knows a tile is full (entry bundles)', () => {
    const tlogTiles = new CompleteTiles(10, 256 * HASH_BYTES);
    tlogTiles.offer('t', full(1));
    expect(tlogTiles.get('t')).toBeUndefined(); // 64 hashes: not a full 256-wide tile
    const bundles = new CompleteTiles(10, null);
    bundles.offer('b', Buffer.from('any length'));
    expect(bundles.get('b')).toEqual(Buffer.from('any length'));
  });
});
