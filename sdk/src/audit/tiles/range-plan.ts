// Pure RFC 9162 §2.1 arithmetic over complete subtrees. A node (level L, idx i) is the hash of the
// perfect subtree over leaves [i·2^L, (i+1)·2^L); level 0 holds the leaf hashes. Every range the
// RFC recursion (MTH, PATH, SUBPROOF) asks for is a run of such nodes in decreasing size, so a
// root or proof is computed by planning which nodes it needs, fetching them, and folding them.
// The service folds nodes out of its stored tiles, a client out of tlog-tiles it downloaded.
import { splitPoint } from '../bits';

export interface NodeRef {
  readonly level: number;
  readonly idx: number;
}

/** The perfect subtrees, left to right and in decreasing size, whose fold is MTH(D[start:end]). */
export type RangePlan = readonly NodeRef[];

export function nodeKey(ref: NodeRef): string {
  return `${ref.level}:${ref.idx}`;
}

/** Largest power of two <= n (n >= 1); arithmetic, not bit operators, so sizes up to 2^53 work. */
export function floorPowerOfTwo(n: number): number {
  let p = 1;
  while (p * 2 <= n) p *= 2;
  return p;
}

function levelOf(powerOfTwo: number): number {
  let level = 0;
  for (let p = 1; p < powerOfTwo; p *= 2) level++;
  return level;
}

/** Decomposes [start, end) into aligned perfect subtrees (the shape MTH's recursion gives). */
export function rangePlan(start: number, end: number): RangePlan {
  if (!(start >= 0 && end > start)) throw new RangeError(`empty range [${start}, ${end})`);
  const out: NodeRef[] = [];
  let at = start;
  while (at < end) {
    const size = floorPowerOfTwo(end - at);
    if (at % size !== 0) throw new RangeError(`range [${start}, ${end}) is not aligned`);
    out.push({ level: levelOf(size), idx: at / size });
    at += size;
  }
  return out;
}

/** MTH(D[0:size]) as one range; the empty tree has no plan (its root is HASH("")). */
export function rootPlan(size: number): RangePlan[] {
  return size === 0 ? [] : [rangePlan(0, size)];
}

/** PATH(index, D[0:size]) of RFC 9162 §2.1.3.1: one range per proof element, leaf upwards. */
export function inclusionPlan(index: number, size: number): RangePlan[] {
  if (!(size >= 1 && index >= 0 && index < size)) {
    throw new RangeError(`index ${index} is outside a tree of size ${size}`);
  }
  const out: RangePlan[] = [];
  const path = (m: number, start: number, end: number): void => {
    const n = end - start;
    if (n === 1) return;
    const k = splitPoint(n);
    if (m < k) {
      path(m, start, start + k);
      out.push(rangePlan(start + k, end));
    } else {
      path(m - k, start + k, end);
      out.push(rangePlan(start, start + k));
    }
  };
  path(index, 0, size);
  return out;
}

/** PROOF(from, D[0:to]) of RFC 9162 §2.1.4.1; requires 0 < from <= to. */
export function consistencyPlan(from: number, to: number): RangePlan[] {
  if (!(from >= 1 && from <= to))
    throw new RangeError(`no consistency proof from ${from} to ${to}`);
  const out: RangePlan[] = [];
  const subproof = (m: number, start: number, end: number, complete: boolean): void => {
    const n = end - start;
    if (m === n) {
      if (!complete) out.push(rangePlan(start, end));
      return;
    }
    const k = splitPoint(n);
    if (m <= k) {
      subproof(m, start, start + k, complete);
      out.push(rangePlan(start + k, end));
    } else {
      subproof(m - k, start + k, end, false);
      out.push(rangePlan(start, start + k));
    }
  };
  subproof(from, 0, to, true);
  return out;
}

/** Every distinct node the plans (and any extra nodes) need, to fetch at once. */
export function neededNodes(plans: readonly RangePlan[], ...extra: NodeRef[]): NodeRef[] {
  const seen = new Map<string, NodeRef>();
  for (const ref of [...plans.flat(), ...extra]) seen.set(nodeKey(ref), ref);
  return [...seen.values()];
}

export type NodeHasher = (left: Uint8Array, right: Uint8Array) => Uint8Array;

/** Looks a node up; a missing node is a broken source, never silently skipped. */
export type NodeLookup = (ref: NodeRef) => Uint8Array;

/** Looks nodes up in a map by nodeKey; a missing node throws (a broken store or tile set). */
export function lookupIn(nodes: ReadonlyMap<string, Uint8Array>): NodeLookup {
  return (ref) => {
    const hash = nodes.get(nodeKey(ref));
    if (!hash) throw new Error(`stored subtree ${nodeKey(ref)} is missing`);
    return hash;
  };
}

/** MTH of a range from its perfect subtrees: fold from the right, as MTH's recursion does. */
export function foldRange(plan: RangePlan, lookup: NodeLookup, node: NodeHasher): Uint8Array {
  let hash = lookup(plan[plan.length - 1]);
  for (let i = plan.length - 2; i >= 0; i--) hash = node(lookup(plan[i]), hash);
  return hash;
}

export function foldPlans(plans: RangePlan[], lookup: NodeLookup, node: NodeHasher): Uint8Array[] {
  return plans.map((plan) => foldRange(plan, lookup, node));
}
