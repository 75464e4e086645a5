import type { SqlRunner } from '../../database/sql';
import {
  accountBelowZero,
  allocationOverdrawn,
  holdBothResolved,
  holdSkippingOlderLot,
  lotEverBelowZero,
  pendingPoints,
  pointsByIssuer,
  type HoldWindow,
} from '../../read-models/cycle-holds';
import { participantCodes } from '../../tenancy/services/participants-store';
import type { CycleRow } from './cycles-store';

/**
 * The invariants of the points behind a cycle (issue 13's I4, I5, I6, I9; clearing README,
 * "Checking a cycle"): the row-level ones first, each failure naming its row, then the issuers'
 * totals. The window is the holds made while the cycle was OPEN (the first: all before its close).
 */
export async function checkHolds(
  db: SqlRunner,
  programId: number,
  cycle: CycleRow,
): Promise<{ checked: string[]; failure: string | null }> {
  const checked: string[] = [];
  const fail = (failure: string) => ({ checked, failure });
  // The first cycle opens at the program's first capture, after the holds it captures.
  const from = cycle.seq === 1 ? new Date(0) : cycle.openedAt;
  const w: HoldWindow = { programId, from, to: cycle.closedAt ?? new Date() };

  // I6: no lot (or held account) below zero, now or at any transaction; no allocation overdrawn.
  const below = await accountBelowZero(db, programId);
  if (below)
    return fail(
      `I6: ledger account ${below.accountId} (${below.kind} of resident ${below.ownerId}, lot ${below.expiresOn}) is at ${below.balance}`,
    );
  const ever = await lotEverBelowZero(db, w);
  if (ever)
    return fail(
      `I6: ledger account ${ever.accountId} went to ${ever.balance} at ledger transaction ${ever.transactionId}`,
    );
  const overdrawn = await allocationOverdrawn(db, w);
  if (overdrawn)
    return fail(
      `I6: ${overdrawn.publicId}'s allocation of lot ${overdrawn.lotAccountId} took more than it held or gave back more than it took`,
    );
  checked.push('I6 no lot or held account below zero, then or now; no allocation overdrawn');

  // I5: no hold both captured and voided; what is held is what the open holds hold.
  const both = await holdBothResolved(db, w);
  if (both) return fail(`I5: ${both.publicId} ${both.why}`);
  const pending = await pendingPoints(db, programId);
  if (pending.heldAccounts !== pending.openHolds)
    return fail(
      `I5: residents' held accounts hold ${pending.heldAccounts} points, the open holds ${pending.openHolds}`,
    );
  checked.push(
    `I5 no hold both captured and voided; ${pending.openHolds} points pending = open holds`,
  );

  // I9: every hold took its lots oldest expiry first.
  const skipped = await holdSkippingOlderLot(db, w);
  if (skipped)
    return fail(
      `I9: ${skipped.publicId} took lot ${skipped.takenLotId} (expires ${skipped.takenExpiresOn}) while lot ${skipped.olderLotId} (expires ${skipped.olderExpiresOn}) still had ${skipped.left} points`,
    );
  checked.push('I9 every hold took its lots oldest expiry first');

  // I4: per issuer, issued = lots + pending + uncleared + cancelled + expired.
  const issuers = await pointsByIssuer(db, programId);
  const codes = await participantCodes(
    db,
    issuers.map((i) => i.issuerId),
  );
  for (const i of issuers) {
    const accounted = i.lots + i.held + i.uncleared + i.cancelled + i.expired;
    if (accounted !== i.issued)
      return fail(
        `I4: ${codes.get(i.issuerId) ?? i.issuerId} issued ${i.issued} points, but lots ${i.lots} + pending ${i.held} + uncleared ${i.uncleared} + cancelled ${i.cancelled} + expired ${i.expired} = ${accounted}`,
      );
  }
  checked.push(
    `I4 ${issuers.length} issuers: issued = lots + pending + uncleared + cancelled + expired`,
  );
  return { checked, failure: null };
}
