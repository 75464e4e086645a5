// The first thing found wrong, in the shape the service reports its fsck with
// (AuditDiscrepancyView): which check, a readable message, and the leaf or account it concerns.
import type { AuditDiscrepancyView } from '../contract/audit';

export type AuditCheck =
  /** The log's published keys or hash cannot be used. */
  | 'keys'
  /** A checkpoint note has no valid signature from a trusted key. */
  | 'signature'
  /** A checkpoint is malformed, for another log, or out of order. */
  | 'checkpoint'
  /** Two checkpoints are not consistent: the history was forked or rewritten. */
  | 'consistency'
  /** The leaves do not hash to a signed root. */
  | 'root'
  /** A leaf is malformed, missing, of an unknown type or of another program. */
  | 'leaf'
  /** A leaf's ledger transaction is malformed or does not balance. */
  | 'transaction'
  /** An account id shows different kinds, assets, owners or expiries. */
  | 'account'
  /** An account other than an issuer's mint goes below zero. */
  | 'negative_balance'
  /** The service's cached balance differs from the replayed one. */
  | 'balance'
  /** The sum of the service's stored postings differs from the replayed balance. */
  | 'posted'
  /** A replayed account with a non-zero balance is missing from the service's balances. */
  | 'unreported_account'
  /** With the viewing key: the residents' keys cannot be used (not opened, listed twice). */
  | 'viewing'
  /** With the viewing key: a resident entry is no resident's, off its chain, or not as committed. */
  | 'resident_entry'
  /** With the viewing key: a resident lot goes below zero, or differs from the service's. */
  | 'resident_balance';

export interface AuditDiscrepancy extends AuditDiscrepancyView {
  readonly check: AuditCheck;
}

export function discrepancy(
  check: AuditCheck,
  message: string,
  at: { leafIndex?: number; account?: string } = {},
): AuditDiscrepancy {
  return { check, message, leafIndex: at.leafIndex ?? null, account: at.account ?? null };
}

/** Thrown inside the verifier to stop at the first discrepancy; never escapes verifyAuditLog. */
export class DiscrepancyFound extends Error {
  constructor(readonly discrepancy: AuditDiscrepancy) {
    super(discrepancy.message);
  }
}

export function stop(
  check: AuditCheck,
  message: string,
  at?: { leafIndex?: number; account?: string },
): never {
  throw new DiscrepancyFound(discrepancy(check, message, at));
}
