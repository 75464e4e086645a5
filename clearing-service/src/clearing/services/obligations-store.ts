import { insertRows, type SqlRunner } from '../../database/sql';

// A cycle's obligations (merchant × issuer) and net positions (per participant): plain SQL.

/** A merchant × issuer pair's lines in a cycle, summed (the aggregate, one GROUP BY). */
export interface PairSum {
  merchantId: number;
  issuerId: number;
  captures: number;
  capturedPoints: bigint;
  refunds: number;
  /** Positive: the points the cycle's refunds gave back. */
  refundedPoints: bigint;
  netPoints: bigint;
}

export interface ObligationRow extends PairSum {
  grossFen: bigint;
  feeFen: bigint;
}

export interface PositionRow {
  participantId: number;
  receivableFen: bigint;
  payableFen: bigint;
  feeFen: bigint;
  netFen: bigint;
  method: 'bank' | 'prepaid_reserve';
  confirmedAt: Date | null;
  bankReference: string | null;
  confirmedFen: bigint | null;
}

/** Sums the cycle's sub-ledger per merchant × issuer, on its covering index. */
export async function sumPairs(
  db: SqlRunner,
  programId: number,
  cycleSeq: number,
): Promise<PairSum[]> {
  const rows: {
    merchant_id: number;
    issuer_id: number;
    captures: string;
    captured: string;
    refunds: string;
    refunded: string;
    net: string;
  }[] = await db.query(
    `SELECT merchant_id, issuer_id,
            SUM(points > 0) AS captures, SUM(GREATEST(points, 0)) AS captured,
            SUM(points < 0) AS refunds, -SUM(LEAST(points, 0)) AS refunded, SUM(points) AS net
       FROM clearing_entries WHERE program_id = ? AND cycle_seq = ?
      GROUP BY merchant_id, issuer_id`,
    [programId, cycleSeq],
  );
  return rows.map((r) => ({
    merchantId: r.merchant_id,
    issuerId: r.issuer_id,
    captures: Number(r.captures),
    capturedPoints: BigInt(r.captured),
    refunds: Number(r.refunds),
    refundedPoints: BigInt(r.refunded),
    netPoints: BigInt(r.net),
  }));
}

const CHUNK = 1_000;

/** A bulk insert of many rows, a thousand to a statement (a cycle may have 20,000 pairs). */
async function insertChunked(
  db: SqlRunner,
  table: string,
  columns: string[],
  rows: unknown[][],
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK)
    await insertRows(db, table, columns, rows.slice(i, i + CHUNK));
}

export async function insertObligations(
  db: SqlRunner,
  cycleId: number,
  rows: readonly ObligationRow[],
): Promise<void> {
  await insertChunked(
    db,
    'clearing_obligations',
    [
      'cycle_id',
      'merchant_id',
      'issuer_id',
      'captures',
      'captured_points',
      'refunds',
      'refunded_points',
      'net_points',
      'gross_fen',
      'fee_fen',
    ],
    rows.map((o) => [
      cycleId,
      o.merchantId,
      o.issuerId,
      o.captures,
      String(o.capturedPoints),
      o.refunds,
      String(o.refundedPoints),
      String(o.netPoints),
      String(o.grossFen),
      String(o.feeFen),
    ]),
  );
}

export async function insertPositions(
  db: SqlRunner,
  cycleId: number,
  rows: readonly Omit<PositionRow, 'confirmedAt' | 'bankReference' | 'confirmedFen'>[],
): Promise<void> {
  await insertChunked(
    db,
    'clearing_positions',
    ['cycle_id', 'participant_id', 'receivable_fen', 'payable_fen', 'fee_fen', 'net_fen', 'method'],
    rows.map((p) => [
      cycleId,
      p.participantId,
      String(p.receivableFen),
      String(p.payableFen),
      String(p.feeFen),
      String(p.netFen),
      p.method,
    ]),
  );
}

/** The cycle's obligations by merchant, then issuer. */
export async function obligationsOf(db: SqlRunner, cycleId: number): Promise<ObligationRow[]> {
  const rows: Record<string, string | number>[] = await db.query(
    `SELECT merchant_id, issuer_id, captures, captured_points, refunds, refunded_points, net_points,
            gross_fen, fee_fen
       FROM clearing_obligations WHERE cycle_id = ? ORDER BY merchant_id, issuer_id`,
    [cycleId],
  );
  return rows.map((r) => ({
    merchantId: Number(r.merchant_id),
    issuerId: Number(r.issuer_id),
    captures: Number(r.captures),
    capturedPoints: BigInt(r.captured_points),
    refunds: Number(r.refunds),
    refundedPoints: BigInt(r.refunded_points),
    netPoints: BigInt(r.net_points),
    grossFen: BigInt(r.gross_fen),
    feeFen: BigInt(r.fee_fen),
  }));
}

/** The cycle's positions by participant (0, the platform, first). */
export async function positionsOf(db: SqlRunner, cycleId: number): Promise<PositionRow[]> {
  const rows: Record<string, string | number | Date | null>[] = await db.query(
    `SELECT participant_id, receivable_fen, payable_fen, fee_fen, net_fen, method, confirmed_at,
            bank_reference, confirmed_fen
       FROM clearing_positions WHERE cycle_id = ? ORDER BY participant_id`,
    [cycleId],
  );
  return rows.map((r) => ({
    participantId: Number(r.participant_id),
    receivableFen: BigInt(r.receivable_fen as string),
    payableFen: BigInt(r.payable_fen as string),
    feeFen: BigInt(r.fee_fen as string),
    netFen: BigInt(r.net_fen as string),
    method: r.method as PositionRow['method'],
    confirmedAt: (r.confirmed_at as Date | null) ?? null,
    bankReference: (r.bank_reference as string | null) ?? null,
    confirmedFen: r.confirmed_fen === null ? null : BigInt(r.confirmed_fen as string),
  }));
}

/** Records a participant's confirmation of its payment; the caller has checked the amount. */
export async function confirmPosition(
  db: SqlRunner,
  cycleId: number,
  participantId: number,
  bankReference: string,
  amountFen: bigint,
): Promise<void> {
  await db.query(
    `UPDATE clearing_positions SET confirmed_at = NOW(3), bank_reference = ?, confirmed_fen = ?
      WHERE cycle_id = ? AND participant_id = ? AND confirmed_at IS NULL`,
    [bankReference, String(amountFen), cycleId, participantId],
  );
}

/** How many of the cycle's non-zero positions are still unconfirmed. */
export async function unconfirmedPositions(db: SqlRunner, cycleId: number): Promise<number> {
  const [row]: { n: string }[] = await db.query(
    `SELECT COUNT(*) AS n FROM clearing_positions
      WHERE cycle_id = ? AND net_fen <> 0 AND confirmed_at IS NULL`,
    [cycleId],
  );
  return Number(row.n);
}
