import type { SqlRunner } from '../../database/sql';

// The funding module's reserve tables (funding_reserves, funding_reserve_entries): plain SQL.
// Every writer locks the operator's reserve row first (lockReserve), so entry ids follow the order
// the effects committed in, and a cycle's movement is the entries between its draw and the last.

export interface ReserveTopUp {
  id: number;
  reference: string;
  amountFen: bigint;
  points: bigint;
  fenPerPoint: number;
  balanceAfterFen: bigint;
  at: Date;
}

/** What a prepaid operator's reserve did up to one cycle's draw. */
export interface ReserveMovement {
  openingFen: bigint;
  topUps: ReserveTopUp[];
  drawFen: bigint;
  closingFen: bigint;
}

/** Locks the operator's reserve row (made at 0 on first use); its balance in fen. */
export async function lockReserve(
  db: SqlRunner,
  programId: number,
  operatorId: number,
): Promise<bigint> {
  // An upsert takes the row exclusively at once: INSERT IGNORE's shared lock on a duplicate, then
  // FOR UPDATE, deadlocks two concurrent top-ups upgrading theirs.
  await db.query(
    `INSERT INTO funding_reserves (program_id, operator_id, balance_fen, updated_at)
     VALUES (?, ?, 0, NOW(3)) ON DUPLICATE KEY UPDATE balance_fen = balance_fen`,
    [programId, operatorId],
  );
  const [row]: { balance_fen: string }[] = await db.query(
    'SELECT balance_fen FROM funding_reserves WHERE program_id = ? AND operator_id = ? FOR UPDATE',
    [programId, operatorId],
  );
  return BigInt(row.balance_fen);
}

/** The reserve's balance in fen (0 before its first top-up). */
export async function reserveBalance(
  db: SqlRunner,
  programId: number,
  operatorId: number,
): Promise<bigint> {
  const [row]: { balance_fen: string }[] = await db.query(
    'SELECT balance_fen FROM funding_reserves WHERE program_id = ? AND operator_id = ?',
    [programId, operatorId],
  );
  return row ? BigInt(row.balance_fen) : BigInt(0);
}

interface NewEntry {
  programId: number;
  operatorId: number;
  kind: 'top_up' | 'draw';
  reference: string;
  /** Signed: a draw's is negative. */
  amountFen: bigint;
  points: bigint | null;
  fenPerPoint: number | null;
  cycleSeq: number | null;
  at: Date;
}

/**
 * Books a movement on the reserve, whose row the caller holds (lockReserve gave `balance`); false
 * when one of that kind and reference is booked already (nothing changes). Answers the new balance.
 */
export async function bookReserveEntry(
  db: SqlRunner,
  balance: bigint,
  e: NewEntry,
): Promise<{ booked: boolean; balanceFen: bigint }> {
  const after = balance + e.amountFen;
  const result: { affectedRows: number } = await db.query(
    `INSERT IGNORE INTO funding_reserve_entries
       (program_id, operator_id, kind, reference, amount_fen, points, fen_per_point, cycle_seq,
        balance_after_fen, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      e.programId,
      e.operatorId,
      e.kind,
      e.reference,
      String(e.amountFen),
      e.points === null ? null : String(e.points),
      e.fenPerPoint,
      e.cycleSeq,
      String(after),
      e.at,
    ],
  );
  if (result.affectedRows !== 1) return { booked: false, balanceFen: balance };
  await db.query(
    `UPDATE funding_reserves SET balance_fen = ?, updated_at = ?
      WHERE program_id = ? AND operator_id = ?`,
    [String(after), e.at, e.programId, e.operatorId],
  );
  return { booked: true, balanceFen: after };
}

interface TopUpRow {
  id: string;
  reference: string;
  amount_fen: string;
  points: string;
  fen_per_point: number;
  balance_after_fen: string;
  created_at: Date;
}

const topUpOf = (r: TopUpRow): ReserveTopUp => ({
  id: Number(r.id),
  reference: r.reference,
  amountFen: BigInt(r.amount_fen),
  points: BigInt(r.points),
  fenPerPoint: r.fen_per_point,
  balanceAfterFen: BigInt(r.balance_after_fen),
  at: r.created_at,
});

const TOP_UP_COLUMNS =
  'id, reference, amount_fen, points, fen_per_point, balance_after_fen, created_at';

/** The operator's top-ups, newest first, `limit` older than entry id `before` (all when null). */
export async function topUpHistory(
  db: SqlRunner,
  programId: number,
  operatorId: number,
  before: number | null,
  limit: number,
): Promise<ReserveTopUp[]> {
  const rows: TopUpRow[] = await db.query(
    `SELECT ${TOP_UP_COLUMNS} FROM funding_reserve_entries
      WHERE program_id = ? AND operator_id = ? AND kind = 'top_up' AND id < ?
      ORDER BY id DESC LIMIT ?`,
    [programId, operatorId, before ?? Number.MAX_SAFE_INTEGER, limit],
  );
  return rows.map(topUpOf);
}

/** One top-up by its reference, or null. */
export async function topUpByReference(
  db: SqlRunner,
  programId: number,
  operatorId: number,
  reference: string,
): Promise<ReserveTopUp | null> {
  const rows: TopUpRow[] = await db.query(
    `SELECT ${TOP_UP_COLUMNS} FROM funding_reserve_entries
      WHERE program_id = ? AND operator_id = ? AND kind = 'top_up' AND reference = ?`,
    [programId, operatorId, reference],
  );
  return rows[0] ? topUpOf(rows[0]) : null;
}

/**
 * Each prepaid operator's movement up to its draw for cycle `seq`, by operator id: the balance
 * after its previous draw, the top-ups since, this draw, the balance after it. Empty before the
 * cycle is issued.
 */
export async function reserveMovements(
  db: SqlRunner,
  programId: number,
  seq: number,
): Promise<Map<number, ReserveMovement>> {
  const draws: {
    id: string;
    operator_id: number;
    amount_fen: string;
    balance_after_fen: string;
  }[] = await db.query(
    `SELECT id, operator_id, amount_fen, balance_after_fen FROM funding_reserve_entries
        WHERE program_id = ? AND kind = 'draw' AND reference = ?`,
    [programId, `cycle:${seq}`],
  );
  const movements = new Map<number, ReserveMovement>();
  for (const d of draws) {
    const [previous]: { id: string; balance_after_fen: string }[] = await db.query(
      `SELECT id, balance_after_fen FROM funding_reserve_entries
        WHERE program_id = ? AND operator_id = ? AND kind = 'draw' AND id < ?
        ORDER BY id DESC LIMIT 1`,
      [programId, d.operator_id, d.id],
    );
    const topUps: TopUpRow[] = await db.query(
      `SELECT ${TOP_UP_COLUMNS} FROM funding_reserve_entries
        WHERE program_id = ? AND operator_id = ? AND kind = 'top_up' AND id > ? AND id < ?
        ORDER BY id`,
      [programId, d.operator_id, previous?.id ?? 0, d.id],
    );
    movements.set(d.operator_id, {
      openingFen: previous ? BigInt(previous.balance_after_fen) : BigInt(0),
      topUps: topUps.map(topUpOf),
      drawFen: -BigInt(d.amount_fen),
      closingFen: BigInt(d.balance_after_fen),
    });
  }
  return movements;
}
