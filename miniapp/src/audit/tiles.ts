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
/** Decoded tiles of this run, so a record's proof reads no storage for tiles already used. */
const IN_MEMORY = 64;
const decoded = new Map<string, Uint8Array>();

export function tileSource(
  fetchTile: (path: string) => Promise<Uint8Array> = fetchFromLog,
): TileSource {
  return async (level, index, width) => {
    const path = formatTilePath({ level, index, width });
    const inMemory = decoded.get(path);
    if (inMemory !== undefined) return inMemory;
    const kept = readStored<Kept>(KEY) ?? {};
    if (kept[path] !== undefined) return remember(path, bytes(kept[path]));
    const tile = remember(path, await fetchTile(path));
    const paths = Object.keys(kept);
    if (paths.length >= MAX_KEPT) delete kept[paths[0]];
    kept[path] = encodeBase64(tile);
    writeStored(KEY, kept);
    return tile;
  };
}

function remember(path: string, tile: Uint8Array): Uint8Array {
  if (decoded.size >= IN_MEMORY) decoded.delete(decoded.keys().next().value as string);
  decoded.set(path, tile);
  return tile;
}

/** For tests: forget the decoded tiles (storage keeps its own). */
export function forgetDecodedTiles(): void {
  decoded.clear();
}

async function fetchFromLog(path: string): Promise<Uint8Array> {
  const { apiBase, program } = await appConfig();
  return callBytes(`${apiBase}/v1/programs/${encodeURIComponent(program)}/audit/${path}`);
}
