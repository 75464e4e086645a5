import type { SqlRunner } from '../database/sql';

// What the dashboards' rollups are made of, read from where it is kept: reductions (crediting),
// ledger transactions and postings (ledger), cycles' obligations and positions (clearing). For
// reporting's rebuild and its part of ledger:check only: these scan a program's whole history.

const CHINA_DAY = (column: string) => `DATE_FORMAT(${column} + INTERVAL 8 HOUR, '%Y-%m-%d')`;

/** Reductions summed per China day (of the behaviour's start) × behaviour × operator × district. */
export async function reductionDays(
  db: SqlRunner,
  programId: number,
): Promise<[string, string, number, string, number, number, number][]> {
  const rows: Record<string, string | number>[] = await db.query(
    `SELECT ${CHINA_DAY('started_at')} AS day, behaviour, operator_id, COALESCE(district, '') AS district,
            SUM(reduction_mg) AS mg, SUM(points) AS points, COUNT(*) AS events
       FROM reductions WHERE program_id = ?
      GROUP BY day, behaviour, operator_id, district`,
    [programId],
  );
  return rows.map((r) => [
    String(r.day),
    String(r.behaviour),
    Number(r.operator_id),
    String(r.district),
    Number(r.mg),
    Number(r.points),
    Number(r.events),
  ]);
}

/** Each resident once per China day and operator they earned a reduction with. */
export async function activeDays(
  db: SqlRunner,
  programId: number,
): Promise<[string, number, number][]> {
  const rows: { day: string; operator_id: number; resident_id: number }[] = await db.query(
    `SELECT DISTINCT ${CHINA_DAY('started_at')} AS day, operator_id, resident_id
       FROM reductions WHERE program_id = ?`,
    [programId],
  );
  return rows.map((r) => [r.day, Number(r.operator_id), Number(r.resident_id)]);
}

/** Ledger postings summed per China day × transaction kind × issuer × account kind × sign. */
export async function postingDays(
  db: SqlRunner,
  programId: number,
): Promise<
  { day: string; transactionKind: string; issuerId: number; accountKind: string; amount: number }[]
> {
  const rows: Record<string, string | number>[] = await db.query(
    `SELECT ${CHINA_DAY('t.created_at')} AS day, t.kind AS transaction_kind, a.issuer_id,
            a.kind AS account_kind, SUM(p.amount) AS amount
       FROM ledger_transactions t
       JOIN ledger_postings p ON p.transaction_id = t.id
       JOIN ledger_accounts a ON a.id = p.account_id
      WHERE t.program_id = ?
      GROUP BY day, t.kind, a.issuer_id, a.kind, p.amount > 0`,
    [programId],
  );
  return rows.map((r) => ({
    day: String(r.day),
    transactionKind: String(r.transaction_kind),
    issuerId: Number(r.issuer_id),
    accountKind: String(r.account_kind),
    amount: Number(r.amount),
  }));
}

/** Every aggregated cycle's obligations (merchant × issuer net points) and positions. */
export async function cycleFigures(
  db: SqlRunner,
  programId: number,
): Promise<{
  obligations: { seq: number; merchantId: number; issuerId: number; netPoints: bigint }[];
  positions: {
    seq: number;
    participantId: number;
    receivableFen: bigint;
    payableFen: bigint;
    feeFen: bigint;
    netFen: bigint;
  }[];
}> {
  const obligations: Record<string, string | number>[] = await db.query(
    `SELECT c.seq, o.merchant_id, o.issuer_id, o.net_points
       FROM clearing_obligations o JOIN clearing_cycles c ON c.id = o.cycle_id
      WHERE c.program_id = ?`,
    [programId],
  );
  const positions: Record<string, string | number>[] = await db.query(
    `SELECT c.seq, p.participant_id, p.receivable_fen, p.payable_fen, p.fee_fen, p.net_fen
       FROM clearing_positions p JOIN clearing_cycles c ON c.id = p.cycle_id
      WHERE c.program_id = ?`,
    [programId],
  );
  return {
    obligations: obligations.map((o) => ({
      seq: Number(o.seq),
      merchantId: Number(o.merchant_id),
      issuerId: Number(o.issuer_id),
      netPoints: BigInt(o.net_points),
    })),
    positions: positions.map((p) => ({
      seq: Number(p.seq),
      participantId: Number(p.participant_id),
      receivableFen: BigInt(p.receivable_fen),
      payableFen: BigInt(p.payable_fen),
      feeFen: BigInt(p.fee_fen),
      netFen: BigInt(p.net_fen),
    })),
  };
}
