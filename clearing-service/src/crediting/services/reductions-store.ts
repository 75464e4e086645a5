import { updateRowsById, type SqlRunner } from '../../database/sql';

// The statements funding runs on reductions, in its own transactions (`db` is the caller's): a
// prepaid operator's top-up issues the points that waited, unfunded, oldest first.

/** A reduction whose points wait for its prepaid operator's top-up. */
export interface UnfundedReduction {
  id: string;
  inboxEventId: string;
  residentId: number;
  points: number;
}

/** Points of the operator's reductions that wait for a top-up. */
export async function unfundedPoints(
  db: SqlRunner,
  programId: number,
  operatorId: number,
): Promise<string> {
  const [row]: { unfunded: string | null }[] = await db.query(
    `SELECT SUM(points) AS unfunded FROM reductions
      WHERE program_id = ? AND operator_id = ? AND points_status = 'unfunded'`,
    [programId, operatorId],
  );
  return row?.unfunded ?? '0';
}

/** Up to `limit` of the operator's unfunded reductions, oldest first, row-locked. */
export async function lockUnfunded(
  db: SqlRunner,
  programId: number,
  operatorId: number,
  limit: number,
): Promise<UnfundedReduction[]> {
  const rows: { id: string; inbox_event_id: string; resident_id: number; points: string }[] =
    await db.query(
      `SELECT id, inbox_event_id, resident_id, points FROM reductions
        WHERE program_id = ? AND operator_id = ? AND points_status = 'unfunded' ORDER BY id LIMIT ? FOR UPDATE`,
      [programId, operatorId, limit],
    );
  return rows.map((r) => ({
    id: String(r.id),
    inboxEventId: String(r.inbox_event_id),
    residentId: r.resident_id,
    points: Number(r.points),
  }));
}

/** The reductions' points are credited now, each by its issuance transaction. */
export async function markFunded(
  db: SqlRunner,
  funded: { reductionId: string; transactionId: number }[],
): Promise<void> {
  await updateRowsById(
    db,
    'reductions',
    ['points_status', 'ledger_transaction_id'],
    funded.map((f) => ({ id: f.reductionId, values: ['credited', f.transactionId] })),
  );
}
