import type { SqlRunner } from '../../database/sql';

// The clearing module's cycle tables (clearing_cycles, clearing_open_cycles): plain SQL.

export type CycleState =
  'open' | 'closed' | 'aggregated' | 'issued' | 'settling' | 'settled' | 'aborted';

export interface CycleRow {
  id: number;
  programId: number;
  seq: number;
  state: CycleState;
  openedAt: Date;
  closesAt: Date;
  closedAt: Date | null;
  tradeDate: string | null;
  valueDate: string | null;
  fenPerPoint: number | null;
  merchantFeeBps: number | null;
  aggregatedAt: Date | null;
  issuedAt: Date | null;
  settledAt: Date | null;
}

const COLUMNS = `id, program_id, seq, state, opened_at, closes_at, closed_at,
  DATE_FORMAT(trade_date, '%Y-%m-%d') AS trade_date, DATE_FORMAT(value_date, '%Y-%m-%d') AS value_date,
  fen_per_point, merchant_fee_bps, aggregated_at, issued_at, settled_at`;

interface Row {
  id: string;
  program_id: number;
  seq: number;
  state: CycleState;
  opened_at: Date;
  closes_at: Date;
  closed_at: Date | null;
  trade_date: string | null;
  value_date: string | null;
  fen_per_point: number | null;
  merchant_fee_bps: number | null;
  aggregated_at: Date | null;
  issued_at: Date | null;
  settled_at: Date | null;
}

const rowOf = (r: Row): CycleRow => ({
  id: Number(r.id),
  programId: r.program_id,
  seq: r.seq,
  state: r.state,
  openedAt: r.opened_at,
  closesAt: r.closes_at,
  closedAt: r.closed_at,
  tradeDate: r.trade_date,
  valueDate: r.value_date,
  fenPerPoint: r.fen_per_point,
  merchantFeeBps: r.merchant_fee_bps,
  aggregatedAt: r.aggregated_at,
  issuedAt: r.issued_at,
  settledAt: r.settled_at,
});

/**
 * The seq of the program's OPEN cycle, read under a shared lock (a capture's or refund's stamp)
 * or an exclusive one (a close); null before the program's first cycle.
 */
export async function openCycleSeq(
  db: SqlRunner,
  programId: number,
  lock: 'share' | 'update',
): Promise<number | null> {
  const rows: { seq: number }[] = await db.query(
    `SELECT seq FROM clearing_open_cycles WHERE program_id = ? ${lock === 'share' ? 'LOCK IN SHARE MODE' : 'FOR UPDATE'}`,
    [programId],
  );
  return rows[0]?.seq ?? null;
}

/** Opens the program's first cycle unless it has one (racing openers write it once). */
export async function openFirstCycle(
  db: SqlRunner,
  programId: number,
  closesAt: Date,
): Promise<void> {
  await db.query(
    `INSERT IGNORE INTO clearing_cycles (program_id, seq, state, opened_at, closes_at)
     VALUES (?, 1, 'open', NOW(3), ?)`,
    [programId, closesAt],
  );
  await db.query('INSERT IGNORE INTO clearing_open_cycles (program_id, seq) VALUES (?, 1)', [
    programId,
  ]);
}

/**
 * Closes the OPEN cycle `seq` (compare-and-swap on its state) with what it is cleared with, and
 * opens the next; the caller holds the open-cycle row exclusively. False when it was not open.
 */
export async function closeAndOpenNext(
  db: SqlRunner,
  programId: number,
  seq: number,
  closed: { tradeDate: string; valueDate: string; fenPerPoint: number; merchantFeeBps: number },
  nextClosesAt: Date,
): Promise<boolean> {
  const result: { affectedRows: number } = await db.query(
    `UPDATE clearing_cycles SET state = 'closed', closed_at = NOW(3), trade_date = ?, value_date = ?,
            fen_per_point = ?, merchant_fee_bps = ?
      WHERE program_id = ? AND seq = ? AND state = 'open'`,
    [closed.tradeDate, closed.valueDate, closed.fenPerPoint, closed.merchantFeeBps, programId, seq],
  );
  if (result.affectedRows !== 1) return false;
  await db.query(
    `INSERT INTO clearing_cycles (program_id, seq, state, opened_at, closes_at)
     VALUES (?, ?, 'open', NOW(3), ?)`,
    [programId, seq + 1, nextClosesAt],
  );
  await db.query('UPDATE clearing_open_cycles SET seq = ? WHERE program_id = ?', [
    seq + 1,
    programId,
  ]);
  return true;
}

/** Moves the OPEN cycle's cut-off (its program's settings changed). */
export async function rescheduleOpenCycle(
  db: SqlRunner,
  programId: number,
  seq: number,
  closesAt: Date,
): Promise<void> {
  await db.query(
    `UPDATE clearing_cycles SET closes_at = ? WHERE program_id = ? AND seq = ? AND state = 'open'`,
    [closesAt, programId, seq],
  );
}

/** Moves a cycle from one state to the next (compare-and-swap); false when it was not in `from`. */
export async function advanceCycle(
  db: SqlRunner,
  cycleId: number,
  from: CycleState,
  to: Exclude<CycleState, 'open' | 'closed'>,
): Promise<boolean> {
  const stamp = {
    aggregated: 'aggregated_at',
    issued: 'issued_at',
    settled: 'settled_at',
  } as Record<string, string | undefined>;
  const column = stamp[to];
  const result: { affectedRows: number } = await db.query(
    `UPDATE clearing_cycles SET state = ?${column ? `, ${column} = NOW(3)` : ''}
      WHERE id = ? AND state = ?`,
    [to, cycleId, from],
  );
  return result.affectedRows === 1;
}

export async function cycleBySeq(
  db: SqlRunner,
  programId: number,
  seq: number,
  lock = false,
): Promise<CycleRow | null> {
  const rows: Row[] = await db.query(
    `SELECT ${COLUMNS} FROM clearing_cycles WHERE program_id = ? AND seq = ?${lock ? ' FOR UPDATE' : ''}`,
    [programId, seq],
  );
  return rows[0] ? rowOf(rows[0]) : null;
}

/** The program's cycles, newest first, below seq `before` when given. */
export async function cyclesOf(
  db: SqlRunner,
  programId: number,
  before: number | null,
  limit: number,
): Promise<CycleRow[]> {
  const rows: Row[] = await db.query(
    `SELECT ${COLUMNS} FROM clearing_cycles WHERE program_id = ? AND seq < ?
      ORDER BY seq DESC LIMIT ?`,
    [programId, before ?? 2 ** 32, limit],
  );
  return rows.map(rowOf);
}

/** The cycles in which the participant has a net position (it is cleared in them), newest first. */
export async function participantCyclesOf(
  db: SqlRunner,
  programId: number,
  participantId: number,
  before: number | null,
  limit: number,
): Promise<CycleRow[]> {
  const rows: Row[] = await db.query(
    `SELECT ${COLUMNS} FROM clearing_cycles c WHERE program_id = ? AND seq < ?
        AND EXISTS (SELECT 1 FROM clearing_positions p WHERE p.cycle_id = c.id AND p.participant_id = ?)
      ORDER BY seq DESC LIMIT ?`,
    [programId, before ?? 2 ** 32, participantId, limit],
  );
  return rows.map(rowOf);
}

/** Programs whose OPEN cycle is past its cut-off (database clock), and cycles still to clear. */
export async function dueWork(
  db: SqlRunner,
): Promise<{ closing: number[]; clearing: { programId: number; seq: number }[] }> {
  const closing: { program_id: number }[] = await db.query(
    `SELECT program_id FROM clearing_cycles WHERE state = 'open' AND closes_at <= NOW(3)`,
  );
  const clearing: { program_id: number; seq: number }[] = await db.query(
    `SELECT program_id, seq FROM clearing_cycles WHERE state IN ('closed', 'aggregated')
      ORDER BY program_id, seq`,
  );
  return {
    closing: closing.map((r) => r.program_id),
    clearing: clearing.map((r) => ({ programId: r.program_id, seq: r.seq })),
  };
}
