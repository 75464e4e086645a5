import { bookReserveEntry, lockReserve } from '../../funding/services/reserve-store';
import type { SqlRunner } from '../../database/sql';
import { operatorsOf } from '../../tenancy/services/participants-store';
import type { CycleRow } from './cycles-store';
import { positionsOf } from './obligations-store';

/**
 * A cycle's draws on the prepaid operators' reserves, in the issuing transaction: one per prepaid
 * operator with a position, what its position pays (0 when it pays nothing), booked as
 * `cycle:<seq>`. Reserves are locked in operator order after the cycle row, before any ledger
 * account, as a top-up takes them. A reserve short of the draw (only after the program's rate
 * rose above what its top-ups were bought at) goes below zero, and its statement shows it.
 */
export async function drawReserves(
  db: SqlRunner,
  programId: number,
  cycle: CycleRow,
  at: Date,
): Promise<void> {
  const operators = await operatorsOf(db, programId);
  const prepaid = (await positionsOf(db, cycle.id))
    .filter((p) => operators.get(p.participantId)?.fundingMode === 'prepaid')
    .sort((a, b) => a.participantId - b.participantId);
  for (const p of prepaid) {
    const balance = await lockReserve(db, programId, p.participantId);
    await bookReserveEntry(db, balance, {
      programId,
      operatorId: p.participantId,
      kind: 'draw',
      reference: `cycle:${cycle.seq}`,
      amountFen: p.netFen < BigInt(0) ? p.netFen : BigInt(0),
      points: null,
      fenPerPoint: cycle.fenPerPoint,
      cycleSeq: cycle.seq,
      at,
    });
  }
}
