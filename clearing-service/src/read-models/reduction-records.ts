import type { SqlRunner } from '../database/sql';

// The reductions behind one bar of a dashboard (crediting's table), newest first, paged by id:
// the drill-down. No resident is named: a record says what was reduced, where and by whom.

export interface ReductionRecordFilter {
  programId: number;
  /** [from, to) as instants: the bar's period, or the chart's range. */
  from: Date;
  to: Date;
  operatorId?: number;
  behaviour?: string;
  /** '' for reductions whose event named no district. */
  district?: string;
  /** Only ids below this one (the previous page's last). */
  before?: number;
  limit: number;
}

export interface ReductionRecordRow {
  id: number;
  operatorId: number;
  behaviour: string;
  district: string;
  startedAt: Date;
  reductionMg: number;
  points: number;
}

export async function reductionRecords(
  db: SqlRunner,
  f: ReductionRecordFilter,
): Promise<ReductionRecordRow[]> {
  const where = ['program_id = ?', 'started_at >= ?', 'started_at < ?'];
  const params: unknown[] = [f.programId, f.from, f.to];
  const add = (sql: string, value: unknown) => {
    where.push(sql);
    params.push(value);
  };
  if (f.operatorId !== undefined) add('operator_id = ?', f.operatorId);
  if (f.behaviour !== undefined) add('behaviour = ?', f.behaviour);
  if (f.district !== undefined) {
    where.push(f.district === '' ? 'district IS NULL' : 'district = ?');
    if (f.district !== '') params.push(f.district);
  }
  if (f.before !== undefined) add('id < ?', f.before);
  const rows: Record<string, string | number | Date | null>[] = await db.query(
    `SELECT id, operator_id, behaviour, district, started_at, reduction_mg, points
       FROM reductions WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ${Number(f.limit)}`,
    params,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    operatorId: Number(r.operator_id),
    behaviour: String(r.behaviour),
    district: (r.district as string | null) ?? '',
    startedAt: r.started_at as Date,
    reductionMg: Number(r.reduction_mg),
    points: Number(r.points),
  }));
}
