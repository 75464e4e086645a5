// Where the bureau's replay reads what the viewing key opens (docs/private-log.md): tanlian-verify
// reads the bureau's API and unwraps each resident key with the viewing key (http-viewing-source.ts);
// the service's fsck reads its own database with the keys opened under its keyring.
import type { AccountKey } from '../audit/resident-entry/entry-check';
import type { AuditResidentBalancesView, AuditViewingEntriesView } from '../contract/audit-viewing';

/** A resident as the bureau sees them: their `r_…` and their keys, opened. */
export interface ViewedResident {
  readonly resident: string;
  readonly keys: readonly AccountKey[];
}

export interface ResidentViewSource {
  /** Every resident with their keys opened, paged by offset (`after`: the previous `next`). */
  residents(
    after: number,
    limit: number,
  ): Promise<{ residents: readonly ViewedResident[]; next: number | null }>;
  /** The private part of every resident entry among leaves [start, end). */
  entries(start: number, end: number): Promise<AuditViewingEntriesView>;
  /** Every resident lot as of the first `size` leaves, paged by offset. */
  balances(size: number, after: number, limit: number): Promise<AuditResidentBalancesView>;
}
