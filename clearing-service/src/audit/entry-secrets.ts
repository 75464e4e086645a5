import type { CanonicalValue } from '@tanlian/sdk';
import { chinaDay } from '../time/china-time';

// The private parts of resident entries (docs/private-log.md), one builder per entry type: part of
// the log's format, like the leaf bodies. The writers (crediting, funding) build each entry's with
// these, and read-models/resident-entries.ts rebuilds it with the same ones from the same rows and
// the leaf, so the private part is never stored and both give the same bytes. Every private part
// also names the lots its entry moved (`lots`, from its leaf: ResidentEntries adds them).

/** A resident lot as a private part names it: asset, expiry and the amount the entry moved. */
export interface PublicLot {
  [key: string]: CanonicalValue;
  asset: string;
  expiresOn: string;
  amount: string;
}

/**
 * The lots a leaf's public transaction part moves, as `lots`: its resident postings summed per
 * asset and expiry (the public part shows amounts in denominations), in the order they appear.
 */
export function residentLotsOf(transactionPart: unknown): PublicLot[] {
  const part = transactionPart as { postings?: (PublicLot & { kind: string })[] } | null;
  const lots = new Map<string, PublicLot>();
  for (const p of part?.postings ?? []) {
    if (p.kind !== 'resident') continue;
    const key = `${p.asset}|${p.expiresOn}`;
    const lot = lots.get(key);
    // Safe integers: an entry moves at most one day's points of one resident.
    if (lot) lot.amount = String(Number(lot.amount) + Number(p.amount));
    else lots.set(key, { asset: p.asset, expiresOn: p.expiresOn, amount: p.amount });
  }
  return [...lots.values()];
}

/** What a credited event's private part is made of: its reduction's row and its operator. */
export interface CreditFacts {
  operator: string;
  eventId: string;
  behaviour: string;
  district: string | null;
  startedAt: Date;
  /** code@version (methodology's labelOf). */
  methodology: string;
  mg: number | string;
  calculatedMg: number | string;
  points: number | string;
}

/** `reduction_credit`: the trip and its calculation. `moved`: its leaf has a transaction. */
export function creditSecret(f: CreditFacts, moved: boolean): { [key: string]: CanonicalValue } {
  const points = String(f.points);
  // Points moved, or none were earned, or they wait for a prepaid operator's top-up.
  const status = moved ? 'credited' : points === '0' ? 'none' : 'unfunded';
  return {
    event: { operator: f.operator, id: f.eventId },
    behaviour: f.behaviour,
    district: f.district,
    date: chinaDay(f.startedAt),
    // The label names one published methodology, whose leaf carries its content hash.
    methodology: f.methodology,
    reduction: { mg: String(f.mg), calculatedMg: String(f.calculatedMg) },
    points: { amount: points, status },
  };
}

/** `points_release`: which event's points a top-up released, into which lot. */
export function releaseSecret(f: { operator: string; eventId: string; points: number | string }): {
  [key: string]: CanonicalValue;
} {
  return { event: { operator: f.operator, id: f.eventId }, points: { amount: String(f.points) } };
}

/**
 * `points_expiry`: nothing beyond the lots it emptied (its leaf says which lot and how much; the
 * private part is there so the entry commits like every other, and the chain covers it).
 */
export function expirySecret(): { [key: string]: CanonicalValue } {
  return {};
}

/**
 * `redemption_hold`, `redemption_capture`, `redemption_release`: which redemption, at which
 * merchant, for which of its orders (the lots are its leaf's).
 */
export function redemptionSecret(f: {
  redemption: string;
  merchant: string;
  merchantOrderId: string | null;
}): { [key: string]: CanonicalValue } {
  return { redemption: f.redemption, merchant: f.merchant, order: f.merchantOrderId };
}

/** The private part as committed: the type's fields, the lots its leaf moved, its sequence number. */
export function privatePart(
  secret: { [key: string]: CanonicalValue },
  transactionPart: unknown,
): { [key: string]: CanonicalValue } {
  return { ...secret, lots: residentLotsOf(transactionPart) };
}
