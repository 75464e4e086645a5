// Which of a resident's lots pay for a redemption, and where its points go back to: the pure core
// of holds, captures, voids and refunds (clearing-anchors §d2). Points are whole numbers; every
// function returns new values and changes none of its inputs.

/** A resident's lot as a hold sees it: an issuer's points with one expiry date. */
export interface Lot {
  /** The ledger account of the lot. */
  readonly lotId: number;
  readonly issuer: string;
  /** YYYY-MM-DD (China day). */
  readonly expiresOn: string;
  /** Points that can still be held: the lot's balance (held points have left it). */
  readonly available: number;
}

/** How much one lot gave to a redemption (or gets back from it). */
export interface Allocation {
  readonly lotId: number;
  readonly issuer: string;
  readonly expiresOn: string;
  readonly points: number;
}

export type AllocationResult<A extends Allocation = Allocation> =
  | { readonly ok: true; readonly allocations: A[] }
  | { readonly ok: false; readonly available: number };

/**
 * A hold of `points`: lots oldest expiry first, across issuers (the points that expire first are
 * spent first), ties by issuer code then lot, each lot taken whole before the next. Only issuers
 * in `accepted` when given (an offer that takes some issuers' points). Not enough: how many
 * points the accepted lots hold in all.
 */
export function allocateHold(
  lots: readonly Lot[],
  points: number,
  accepted?: ReadonlySet<string>,
): AllocationResult {
  assertPoints(points);
  const usable = lots
    .filter((l) => l.available > 0 && (accepted === undefined || accepted.has(l.issuer)))
    .sort(oldestFirst);
  const allocations: Allocation[] = [];
  let left = points;
  for (const lot of usable) {
    if (left === 0) break;
    const take = Math.min(left, lot.available);
    allocations.push({
      lotId: lot.lotId,
      issuer: lot.issuer,
      expiresOn: lot.expiresOn,
      points: take,
    });
    left -= take;
  }
  if (left > 0) return { ok: false, available: points - left };
  return { ok: true, allocations };
}

/**
 * A capture of `points` out of a hold's allocations: the oldest allocations are consumed first,
 * and whatever the capture does not take goes back to the lot it came from. What else the caller's
 * allocations carry (an issuer's id) is kept.
 */
export function splitCapture<A extends Allocation>(
  held: readonly A[],
  points: number,
): { captured: A[]; released: A[] } {
  assertPoints(points, true);
  const total = sum(held);
  if (points > total) throw new RangeError(`cannot capture ${points} of a hold of ${total}`);
  const captured: A[] = [];
  const released: A[] = [];
  let left = points;
  for (const a of [...held].sort(oldestFirstAllocation)) {
    const take = Math.min(left, a.points);
    if (take > 0) captured.push({ ...a, points: take });
    if (a.points - take > 0) released.push({ ...a, points: a.points - take });
    left -= take;
  }
  return { captured, released };
}

/**
 * A refund of `points` from what a capture took, given what earlier refunds gave back already:
 * newest expiry first back to the original lots (the points with the most life left return
 * first). Refunds together never exceed the capture.
 */
export function allocateRefund<A extends Allocation>(
  captured: readonly A[],
  refunded: readonly Allocation[],
  points: number,
): AllocationResult<A> {
  assertPoints(points);
  const back = new Map<number, number>();
  for (const r of refunded) back.set(r.lotId, (back.get(r.lotId) ?? 0) + r.points);
  const refundable = captured
    .map((a) => ({ ...a, points: a.points - (back.get(a.lotId) ?? 0) }))
    .filter((a) => a.points > 0)
    .sort((a, b) => oldestFirstAllocation(b, a));
  const allocations: A[] = [];
  let left = points;
  for (const a of refundable) {
    if (left === 0) break;
    const give = Math.min(left, a.points);
    allocations.push({ ...a, points: give });
    left -= give;
  }
  if (left > 0) return { ok: false, available: points - left };
  return { ok: true, allocations };
}

export function sum(allocations: readonly Allocation[]): number {
  return allocations.reduce((total, a) => total + a.points, 0);
}

function oldestFirst(a: Lot, b: Lot): number {
  return compare(a.expiresOn, b.expiresOn) || compare(a.issuer, b.issuer) || a.lotId - b.lotId;
}

function oldestFirstAllocation(a: Allocation, b: Allocation): number {
  return compare(a.expiresOn, b.expiresOn) || compare(a.issuer, b.issuer) || a.lotId - b.lotId;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function assertPoints(points: number, zeroAllowed = false): void {
  if (!Number.isSafeInteger(points) || points < (zeroAllowed ? 0 : 1)) {
    throw new RangeError(`points must be a whole number ≥ ${zeroAllowed ? 0 : 1}, not ${points}`);
  }
}
