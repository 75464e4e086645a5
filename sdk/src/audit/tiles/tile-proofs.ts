// RFC 9162 roots and proofs computed from tlog-tiles a client downloads itself, so a phone or a
// monitor needs only static, cacheable resources: plan the nodes (range-plan.ts), fetch their
// tiles at the widths the checkpoint's size gives (tile-layout.ts), rebuild each node from its run
// of tile hashes, fold. The results are checked with the same verifyInclusion/verifyConsistency
// as proofs the log serves: tiles are untrusted input, and only the signed root vouches for them.
import { verifyConsistency } from '../consistency';
import { LOG_HASH_SIZE, type LogHash } from '../hash';
import { verifyInclusion } from '../inclusion';
import type { Proof } from '../proof-chain';
import { fail, type AuditResult } from '../result';
import { emptyRoot, nodeHash } from '../tree-hash';
import {
  consistencyPlan,
  foldPlans,
  foldRange,
  inclusionPlan,
  lookupIn,
  nodeKey,
  rootPlan,
  type NodeRef,
} from './range-plan';
import { inclusionNodes, tileOfNode, tilesFor } from './tile-layout';

/**
 * The caller's way to fetch a tile (e.g. GET `<prefix>/` + formatTilePath): the bytes of tile
 * (level, index) at `width` hashes (256 = full). Never called for a tile the tree does not have.
 */
export type TileSource = (level: number, index: number, width: number) => Promise<Uint8Array>;

/** A tile of the wrong length: a broken or hostile log (or source); thrown, not guessed around. */
export class TileSizeError extends Error {}

const nodeOf = (hash: LogHash) => (left: Uint8Array, right: Uint8Array) =>
  nodeHash(hash, left, right);

/** MTH of the perfect run tile[start:end) of hashes: the node whose leaves they are. */
function runHash(hash: LogHash, tile: Uint8Array, start: number, end: number): Uint8Array {
  let row: Uint8Array[] = [];
  for (let i = start; i < end; i++)
    row.push(tile.subarray(i * LOG_HASH_SIZE, (i + 1) * LOG_HASH_SIZE));
  while (row.length > 1) {
    const up: Uint8Array[] = [];
    for (let i = 0; i < row.length; i += 2) up.push(nodeHash(hash, row[i], row[i + 1]));
    row = up;
  }
  return Uint8Array.from(row[0]);
}

/** Fetches the tiles of `refs` in a tree of `size` leaves in parallel and rebuilds the nodes. */
export async function nodesFromTiles(
  hash: LogHash,
  refs: readonly NodeRef[],
  size: number,
  source: TileSource,
): Promise<Map<string, Uint8Array>> {
  const tiles = tilesFor(refs, size);
  const bytes = await Promise.all(tiles.map((t) => source(t.level, t.index, t.width)));
  const byTile = new Map<string, Uint8Array>();
  tiles.forEach((t, i) => {
    if (bytes[i].length !== t.width * LOG_HASH_SIZE) {
      throw new TileSizeError(
        `tile ${t.level}/${t.index} of width ${t.width} has ${bytes[i].length} bytes, want ${t.width * LOG_HASH_SIZE}`,
      );
    }
    byTile.set(`${t.level}/${t.index}`, bytes[i]);
  });
  const out = new Map<string, Uint8Array>();
  for (const ref of refs) {
    const at = tileOfNode(ref);
    out.set(nodeKey(ref), runHash(hash, byTile.get(`${at.level}/${at.index}`)!, at.start, at.end));
  }
  return out;
}

/** MTH(D[0:size]) from tiles. */
export async function rootFromTiles(hash: LogHash, size: number, source: TileSource) {
  if (size === 0) return emptyRoot(hash);
  const [plan] = rootPlan(size);
  const nodes = await nodesFromTiles(hash, plan, size, source);
  return foldRange(plan, lookupIn(nodes), nodeOf(hash));
}

/** Leaf `index`'s hash and PATH(index, D[size]) from tiles; requires 0 <= index < size. */
export async function inclusionFromTiles(
  hash: LogHash,
  index: number,
  size: number,
  source: TileSource,
): Promise<{ leafHash: Uint8Array; proof: Proof }> {
  const plans = inclusionPlan(index, size);
  const lookup = lookupIn(await nodesFromTiles(hash, inclusionNodes(index, size), size, source));
  return {
    leafHash: lookup({ level: 0, idx: index }),
    proof: foldPlans(plans, lookup, nodeOf(hash)),
  };
}

/** PROOF(from, D[to]) from tiles; requires 0 < from <= to. */
export async function consistencyFromTiles(
  hash: LogHash,
  from: number,
  to: number,
  source: TileSource,
): Promise<Proof> {
  const plans = consistencyPlan(from, to);
  const lookup = lookupIn(await nodesFromTiles(hash, plans.flat(), to, source));
  return foldPlans(plans, lookup, nodeOf(hash));
}

/** A wrong-sized tile as a verification failure, like any other untrusted input. */
async function asResult(check: () => Promise<AuditResult>): Promise<AuditResult> {
  try {
    return await check();
  } catch (e) {
    if (e instanceof TileSizeError) return fail('bad-tile', e.message);
    throw e;
  }
}

/**
 * Checks that `leafHash` is leaf `index` of the signed tree (`size`, `root`) with a proof computed
 * from tiles: a receipt verified with no proof endpoint. A source that fails rejects.
 */
export function verifyInclusionFromTiles(
  hash: LogHash,
  index: number,
  size: number,
  leafHash: Uint8Array,
  root: Uint8Array,
  source: TileSource,
): Promise<AuditResult> {
  if (!(Number.isSafeInteger(index) && Number.isSafeInteger(size) && index >= 0 && index < size)) {
    return Promise.resolve(fail('index-out-of-range', `index ${index} is outside size ${size}`));
  }
  return asResult(async () => {
    const { proof } = await inclusionFromTiles(hash, index, size, source);
    return verifyInclusion(hash, index, size, leafHash, proof, root);
  });
}

/** Checks that the signed tree (`to`, `root2`) extends (`from`, `root1`), from tiles. */
export function verifyConsistencyFromTiles(
  hash: LogHash,
  from: number,
  to: number,
  root1: Uint8Array,
  root2: Uint8Array,
  source: TileSource,
): Promise<AuditResult> {
  if (!(Number.isSafeInteger(from) && Number.isSafeInteger(to) && from >= 1 && from <= to)) {
    return Promise.resolve(fail('size-order', `no consistency proof from ${from} to ${to}`));
  }
  return asResult(async () => {
    const proof = from === to ? [] : await consistencyFromTiles(hash, from, to, source);
    return verifyConsistency(hash, from, to, proof, root1, root2);
  });
}
