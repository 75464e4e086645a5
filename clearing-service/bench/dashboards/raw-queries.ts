import type { Connection } from 'mysql2/promise';
import { FIRST_DAY, LAST_DAY } from './prepare';

// The dashboard queries computed from the raw reductions instead of the rollups: what a request
// would cost without them. Same figures, same range (the whole year).

const DAY = "DATE_FORMAT(started_at + INTERVAL 8 HOUR, '%Y-%m-%d')";
const RANGE = `started_at >= TIMESTAMP('${FIRST_DAY}') - INTERVAL 8 HOUR AND started_at < TIMESTAMP('${LAST_DAY}') + INTERVAL 16 HOUR`;

export function rawQueries(programId: number, operatorId: number): Record<string, string> {
  const p = `program_id = ${programId} AND ${RANGE}`;
  return {
    'reductions by day': `SELECT ${DAY} AS k, SUM(reduction_mg), SUM(points), COUNT(*) FROM reductions WHERE ${p} GROUP BY k`,
    'reductions by district': `SELECT district, SUM(reduction_mg), SUM(points), COUNT(*) FROM reductions WHERE ${p} GROUP BY district ORDER BY 2 DESC`,
    'one operator by behaviour': `SELECT behaviour, SUM(reduction_mg) FROM reductions WHERE ${p} AND operator_id = ${operatorId} GROUP BY behaviour`,
    'active residents by month': `SELECT DATE_FORMAT(started_at + INTERVAL 8 HOUR, '%Y-%m') AS k, COUNT(DISTINCT resident_id) FROM reductions WHERE ${p} GROUP BY k`,
  };
}

export async function timeRaw(db: Connection, sql: string, runs: number): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await db.query(sql);
    ms.push(performance.now() - t);
  }
  return ms;
}
