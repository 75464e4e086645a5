// The log's hash tiles for the sdk's inclusion proofs, fetched with Taro.request and kept: a tile
// path names its width, and the log only grows, so a tile never changes (C2SP tlog-tiles). Kept
// tiles let a record verify offline.
import { formatTilePath, type TileSource } from '@tanlian/sdk/audit';
import { callBytes } from '../services/api';
import { appConfig } from '../services/app-config';
import { readStored, writeStored } from '../services/storage';
import { bytes } from './trust';
import { encodeBase64 } from '@tanlian/sdk/audit';

const KEY = 'tanlian.tiles';
/** About 2.8 MB of storage at most (full tiles are 8 KB, 11 KB in base64). */
const MAX_KEPT = 256;

type Kept = Record<string, string>;

export function tileSource(
  fetchTile: (path: string) => Promise<Uint8Array> = fetchFromLog,
): TileSource {
  return async (level, index, width) => {
    const path = formatTilePath({ level, index, width });
    const kept = readStored<Kept>(KEY) ?? {};
    if (kept[path] !== undefined) return bytes(kept[path]);
    const tile = await fetchTile(path);
    const paths = Object.keys(kept);
    if (paths.length >= MAX_KEPT) delete kept[paths[0]];
    kept[path] = encodeBase64(tile);
    writeStored(KEY, kept);
    return tile;
  };
}

async function fetchFromLog(path: string): Promise<Uint8Array> {
  const { apiBase, program } = await appConfig();
  return callBytes(`${apiBase}/v1/programs/${encodeURIComponent(program)}/audit/${path}`);
}
