import type { SqlRunner } from '../../database/sql';
import { periodStart, type PeriodKind } from '../periods';
import { rangeParts } from '../range-parts';

// The dashboards' reads: rollup rows only, never the raw reductions.

export interface CellFilter {
  programId: number;
  from: string;
  to: string;
  operatorId?: number;
  behaviour?: string;
  /** '' for no district */
  district?: string;
}

export type CellGroup = 'period' | 'district' | 'behaviour' | 'operator';

const GROUP_COLUMN: Record<CellGroup, string> = {
  period: "DATE_FORMAT(period_start, '%Y-%m-%d')",
  district: 'district',
  behaviour: 'behaviour',
  operator: 'operator_id',
};

/** WHERE for the rows of one period kind whose period starts in the range (its first partial one included). */
function periodRows(
  kind: PeriodKind,
  from: string,
  to: string,
): { sql: string; params: unknown[] } {
  return {
    sql: 'period_kind = ? AND period_start BETWEEN ? AND ?',
    params: [kind, periodStart(kind, from), to],
  };
}

/** WHERE for the fewest rows summing exactly to the range: whole months, then days. */
function exactRange(from: string, to: string): { sql: string; params: unknown[] } {
  const { months, days } = rangeParts(from, to);
  const parts: string[] = [];
  const params: unknown[] = [];
  if (months.length > 0) {
    parts.push(`(period_kind = 'month' AND period_start IN (${months.map(() => '?').join(', ')}))`);
    params.push(...months);
  }
  for (const [a, b] of days) {
    parts.push(`(period_kind = 'day' AND period_start BETWEEN ? AND ?)`);
    params.push(a, b);
  }
  return { sql: `(${parts.join(' OR ')})`, params };
}

export async function reductionTotals(
  db: SqlRunner,
  f: CellFilter,
  groupBy: CellGroup,
  period: PeriodKind,
): Promise<{ key: string; mg: string; points: string; events: string }[]> {
  const range = groupBy === 'period' ? periodRows(period, f.from, f.to) : exactRange(f.from, f.to);
  const where = ['program_id = ?', range.sql];
  const params: unknown[] = [f.programId, ...range.params];
  const add = (sql: string, value: unknown) => {
    where.push(sql);
    params.push(value);
  };
  if (f.operatorId !== undefined) add('operator_id = ?', f.operatorId);
  if (f.behaviour !== undefined) add('behaviour = ?', f.behaviour);
  if (f.district !== undefined) add('district = ?', f.district);
  const order = groupBy === 'period' ? 'k' : 'mg DESC, k';
  const rows: Record<string, string | number>[] = await db.query(
    `SELECT ${GROUP_COLUMN[groupBy]} AS k, SUM(reduction_mg) AS mg, SUM(points) AS points, SUM(events) AS events
       FROM reporting_reductions WHERE ${where.join(' AND ')}
      GROUP BY k ORDER BY ${order}`,
    params,
  );
  return rows.map((r) => ({
    key: String(r.k),
    mg: String(r.mg),
    points: String(r.points),
    events: String(r.events),
  }));
}

/** Each period's own count of distinct residents (operator 0: all operators). */
export async function activeCounts(
  db: SqlRunner,
  programId: number,
  period: PeriodKind,
  from: string,
  to: string,
  operatorId: number,
): Promise<{ periodStart: string; residents: number }[]> {
  const range = periodRows(period, from, to);
  const rows: { s: string; n: number }[] = await db.query(
    `SELECT DATE_FORMAT(period_start, '%Y-%m-%d') AS s, resident_count AS n FROM reporting_active_counts
      WHERE program_id = ? AND ${range.sql} AND operator_id = ? ORDER BY period_start`,
    [programId, ...range.params, operatorId],
  );
  return rows.map((r) => ({ periodStart: r.s, residents: Number(r.n) }));
}

/** Points per issuer and figure over the range. */
export async function flowTotals(
  db: SqlRunner,
  programId: number,
  from: string,
  to: string,
  issuerId?: number,
): Promise<{ issuerId: number; figure: string; points: string }[]> {
  const range = exactRange(from, to);
  const rows: Record<string, string | number>[] = await db.query(
    `SELECT issuer_id, figure, SUM(points) AS points FROM reporting_point_flows
      WHERE program_id = ? AND ${range.sql} ${issuerId === undefined ? '' : 'AND issuer_id = ?'}
      GROUP BY issuer_id, figure ORDER BY issuer_id`,
    [programId, ...range.params, ...(issuerId === undefined ? [] : [issuerId])],
  );
  return rows.map((r) => ({
    issuerId: Number(r.issuer_id),
    figure: String(r.figure),
    points: String(r.points),
  }));
}

export async function cyclePositions(
  db: SqlRunner,
  programId: number,
  participantId?: number,
): Promise<Record<string, string | number>[]> {
  return db.query(
    `SELECT cycle_seq, participant_id, obligation_points, receivable_fen, payable_fen, fee_fen, net_fen
       FROM reporting_cycle_positions WHERE program_id = ? ${participantId === undefined ? '' : 'AND participant_id = ?'}
      ORDER BY cycle_seq, participant_id`,
    [programId, ...(participantId === undefined ? [] : [participantId])],
  );
}
