import type { NewTransaction } from './services/ledger-writer';

/**
 * Double entry's one rule, checked before anything is written: every posting moves a whole,
 * non-zero number of points, and per asset (issuer) the postings of a transaction sum to zero, so
 * no transaction creates or loses a point. A failure is a bug in the caller, never the user's.
 */
export function assertBalanced(t: NewTransaction): void {
  const sums = new Map<number, number>();
  for (const p of t.postings) {
    if (!Number.isSafeInteger(p.amount) || p.amount === 0)
      throw new Error(`posting amount ${p.amount} in ${t.reference}`);
    sums.set(p.account.issuerId, (sums.get(p.account.issuerId) ?? 0) + p.amount);
  }
  for (const [asset, sum] of sums) {
    if (sum !== 0)
      throw new Error(`transaction ${t.reference} does not balance for asset ${asset} (${sum})`);
  }
}
