// A resident's lots: their resident postings summed per (asset, expiry date). Plain numbers, every
// partial sum checked to be a safe integer (no BigInt on the phone).
import type { ResidentPosting } from './account-leaf';

/** One lot as the app shows it: points as an integer string. */
export interface AccountLot {
  readonly asset: string;
  readonly expiresOn: string;
  readonly points: string;
}

export class LotSums {
  private readonly sums = new Map<string, { asset: string; expiresOn: string; points: number }>();

  /** Adds the postings; returns the lot whose sum left the safe integers, if one did. */
  add(postings: readonly ResidentPosting[]): string | undefined {
    for (const { asset, expiresOn, amount } of postings) {
      const key = `${expiresOn}\u0000${asset}`;
      const lot = this.sums.get(key);
      const points = (lot?.points ?? 0) + amount;
      if (!Number.isSafeInteger(points)) return `the lot of ${asset} expiring on ${expiresOn}`;
      if (lot === undefined) this.sums.set(key, { asset, expiresOn, points });
      else lot.points = points;
    }
    return undefined;
  }

  /** The lots that hold points, sorted by expiry date, then asset. */
  lots(): AccountLot[] {
    return [...this.sums.values()]
      .filter((l) => l.points !== 0)
      .sort((a, b) => compare(a.expiresOn, b.expiresOn) || compare(a.asset, b.asset))
      .map((l) => ({ asset: l.asset, expiresOn: l.expiresOn, points: String(l.points) }));
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
