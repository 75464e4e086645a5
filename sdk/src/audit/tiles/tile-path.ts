// tlog-tiles resource paths: `tile/<L>/<N>[.p/<W>]` and `tile/entries/<N>[.p/<W>]`. <N> is written
// in zero-padded 3-digit elements, all but the last prefixed `x` (1234067 → x001/x234/067), so
// tiles can be files without a file and a directory of the same name. One spelling per tile:
// anything else (leading zeroes, an `x000` first element, W of 0 or 256) is refused, so each
// resource has one URL for caches.
import { FULL_TILE_WIDTH, type TileCoord } from './tile-layout';

/** Highest tile level the spec allows. */
export const MAX_TILE_LEVEL = 63;

export function formatTileIndex(index: number): string {
  if (!Number.isSafeInteger(index) || index < 0) throw new RangeError(`bad tile index ${index}`);
  const groups: string[] = [];
  let rest = index;
  do {
    groups.unshift(String(rest % 1000).padStart(3, '0'));
    rest = Math.floor(rest / 1000);
  } while (rest > 0);
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/');
}

function widthSuffix(width: number): string {
  if (!Number.isInteger(width) || width < 1 || width > FULL_TILE_WIDTH) {
    throw new RangeError(`bad tile width ${width}`);
  }
  return width === FULL_TILE_WIDTH ? '' : `.p/${width}`;
}

/** `tile/<L>/<N>[.p/<W>]` of a hash tile. */
export function formatTilePath(tile: TileCoord): string {
  return `tile/${tile.level}/${formatTileIndex(tile.index)}${widthSuffix(tile.width)}`;
}

/** `tile/entries/<N>[.p/<W>]` of an entry bundle (the leaves under level-0 tile N). */
export function formatEntriesPath(index: number, width: number): string {
  return `tile/entries/${formatTileIndex(index)}${widthSuffix(width)}`;
}

export type ParsedTilePath =
  | { readonly ok: true; readonly kind: 'hashes' | 'entries'; readonly tile: TileCoord }
  | {
      readonly ok: false;
      readonly part: 'path' | 'level' | 'index' | 'width';
      readonly reason: string;
    };

const refuse = (part: 'path' | 'level' | 'index' | 'width', reason: string): ParsedTilePath => ({
  ok: false,
  part,
  reason,
});

const NO_LEADING_ZERO = /^(0|[1-9][0-9]*)$/;

function parseIndex(elements: readonly string[]): number | undefined {
  if (elements.length === 0) return undefined;
  let index = 0;
  for (let i = 0; i < elements.length; i++) {
    const last = i === elements.length - 1;
    const match = (last ? /^([0-9]{3})$/ : /^x([0-9]{3})$/).exec(elements[i]);
    if (!match || (i === 0 && !last && match[1] === '000')) return undefined;
    index = index * 1000 + Number(match[1]);
  }
  return Number.isSafeInteger(index) ? index : undefined;
}

/** Parses what follows `tile/`: `<L>/<N>[.p/<W>]` or `entries/<N>[.p/<W>]`. */
export function parseTilePath(path: string): ParsedTilePath {
  const elements = path.split('/');
  const kind = elements[0] === 'entries' ? 'entries' : 'hashes';
  let level = 0;
  if (kind === 'hashes') {
    if (!NO_LEADING_ZERO.test(elements[0]) || Number(elements[0]) > MAX_TILE_LEVEL) {
      return refuse('level', `must be a whole number 0..${MAX_TILE_LEVEL} without leading zeroes`);
    }
    level = Number(elements[0]);
  }
  let width = FULL_TILE_WIDTH;
  let indexPart = elements.slice(1);
  const partial = indexPart.length >= 2 && indexPart[indexPart.length - 2].endsWith('.p');
  if (partial) {
    const w = indexPart[indexPart.length - 1];
    if (!NO_LEADING_ZERO.test(w) || Number(w) < 1 || Number(w) >= FULL_TILE_WIDTH) {
      return refuse(
        'width',
        `must be a whole number 1..${FULL_TILE_WIDTH - 1} without leading zeroes`,
      );
    }
    width = Number(w);
    indexPart = indexPart.slice(0, -1);
    indexPart[indexPart.length - 1] = indexPart[indexPart.length - 1].slice(0, -'.p'.length);
  }
  const index = parseIndex(indexPart);
  if (index === undefined) {
    return refuse(
      'index',
      'must be 3-digit elements, all but the last prefixed x (1234067: x001/x234/067)',
    );
  }
  return { ok: true, kind, tile: { level, index, width } };
}
