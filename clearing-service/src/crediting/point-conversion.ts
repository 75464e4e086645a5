import { wholePoints } from '../methodology/calculation';

/**
 * Reductions become points by the program's rule (grams per point). What is not yet worth a whole
 * point is carried per resident and issuer, so rounding never loses value and each issuer funds
 * exactly the points its own reductions earn.
 */
export class PointConversion {
  private readonly remainders = new Map<string, number>();
  private readonly touched = new Set<string>();

  constructor(
    private readonly mgPerPoint: number,
    initial: Iterable<[string, number]>,
  ) {
    for (const [k, v] of initial) this.remainders.set(k, v);
  }

  static key(residentId: number, issuerId: number): string {
    return `${residentId}|${issuerId}`;
  }

  /** Whole points for `reductionMg`, the carried remainder included. */
  convert(residentId: number, issuerId: number, reductionMg: number): number {
    const key = PointConversion.key(residentId, issuerId);
    const total = (this.remainders.get(key) ?? 0) + reductionMg;
    const { points, remainderMg } = wholePoints(total, this.mgPerPoint);
    this.remainders.set(key, remainderMg);
    this.touched.add(key);
    return points;
  }

  changed(): { residentId: number; issuerId: number; remainderMg: number }[] {
    return [...this.touched].map((key) => {
      const [residentId, issuerId] = key.split('|').map(Number);
      return { residentId, issuerId, remainderMg: this.remainders.get(key)! };
    });
  }
}
