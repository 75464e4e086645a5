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

/**
 * Nodes already rebuilt from a tile, by the tile's bytes object: a source that keeps its tiles
 * (the app's does) answers the same object again, and a record's proof then reuses the subtrees
 * an earlier record's rebuilt instead of hashing up to 255 nodes a tile again. Keyed weakly, so a
 * dropped tile takes its nodes with it; a new bytes object is never assumed to be the same tile.
 */
const rebuilt = new WeakMap<Uint8Array, { hash: LogHash; nodes: Map<number, Uint8Array> }>();

/** MTH of the perfect run tile[start:end) of hashes: the node whose leaves they are. */
function runHash(hash: LogHash, tile: Uint8Array, start: number, end: number): Uint8Array {
  let memo = rebuilt.get(tile);
  if (memo === undefined || memo.hash !== hash) {
    memo = { hash, nodes: new Map() };
    rebuilt.set(tile, memo);
  }
  return Uint8Array.from(perfectRun(hash, tile, start, end, memo.nodes));
}

function perfectRun(
  hash: LogHash,
  tile: Uint8Array,
  start: number,
  end: number,
  nodes: Map<number, Uint8Array>,
): Uint8Array {
  if (end - start === 1) return tile.subarray(start * LOG_HASH_SIZE, end * LOG_HASH_SIZE);
  const key = start * 512 + end;
  const known = nodes.get(key);
  if (known !== undefined) return known;
  const mid = start + (end - start) / 2;
  const node = nodeHash(
    hash,
    perfectRun(hash, tile, start, mid, nodes),
    perfectRun(hash, tile, mid, end, nodes),
  );
  nodes.set(key, node);
  return node;
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
