import type { SqlRunner } from '../../database/sql';

// The funding module's credit limits (funding_credit_limits): plain SQL.

export interface CreditLimitRow {
  programId: number;
  operatorId: number;
  limitPoints: bigint;
  reachedAt: Date | null;
}

interface Row {
  program_id: number;
  operator_id: number;
  limit_points: string;
  reached_at: Date | null;
}

const rowOf = (r: Row): CreditLimitRow => ({
  programId: r.program_id,
  operatorId: r.operator_id,
  limitPoints: BigInt(r.limit_points),
  reachedAt: r.reached_at,
});

/** Sets (or, with null, removes) the operator's limit; a new limit re-arms its alert. */
export async function setCreditLimit(
  db: SqlRunner,
  programId: number,
  operatorId: number,
  limitPoints: number | null,
): Promise<void> {
  if (limitPoints === null) {
    await db.query('DELETE FROM funding_credit_limits WHERE program_id = ? AND operator_id = ?', [
      programId,
      operatorId,
    ]);
    return;
  }
  await db.query(
    `INSERT INTO funding_credit_limits (program_id, operator_id, limit_points, reached_at, updated_at)
     VALUES (?, ?, ?, NULL, NOW(3))
     ON DUPLICATE KEY UPDATE limit_points = VALUES(limit_points), reached_at = NULL,
       updated_at = VALUES(updated_at)`,
    [programId, operatorId, limitPoints],
  );
}

export async function creditLimitOf(
  db: SqlRunner,
  programId: number,
  operatorId: number,
): Promise<CreditLimitRow | null> {
  const rows: Row[] = await db.query(
    `SELECT program_id, operator_id, limit_points, reached_at FROM funding_credit_limits
      WHERE program_id = ? AND operator_id = ?`,
    [programId, operatorId],
  );
  return rows[0] ? rowOf(rows[0]) : null;
}

/** Every limit, of every program (the watch's round, the metric's scrape). */
export async function allCreditLimits(db: SqlRunner): Promise<CreditLimitRow[]> {
  const rows: Row[] = await db.query(
    `SELECT program_id, operator_id, limit_points, reached_at FROM funding_credit_limits
      ORDER BY program_id, operator_id`,
  );
  return rows.map(rowOf);
}

/**
 * Marks the limit reached (true) or back under (false), compare-and-swap on `reached_at`: true
 * only for the one caller that changed it, so its alert is sent once per crossing.
 */
export async function markCreditLimit(
  db: SqlRunner,
  programId: number,
  operatorId: number,
  reached: boolean,
): Promise<boolean> {
  const result: { affectedRows: number } = await db.query(
    reached
      ? `UPDATE funding_credit_limits SET reached_at = NOW(3)
          WHERE program_id = ? AND operator_id = ? AND reached_at IS NULL`
      : `UPDATE funding_credit_limits SET reached_at = NULL
          WHERE program_id = ? AND operator_id = ? AND reached_at IS NOT NULL`,
    [programId, operatorId],
  );
  return result.affectedRows === 1;
}
