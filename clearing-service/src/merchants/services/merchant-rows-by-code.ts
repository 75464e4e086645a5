import type { SqlRunner } from '../../database/sql';

/**
 * One page of a merchant's stores or offers by code, after `after` (none: from the start);
 * `limit` + 1 rows tell the caller whether more follow.
 */
export function merchantRowsByCode<Row>(
  db: SqlRunner,
  table: 'merchant_stores' | 'merchant_offers',
  columns: string,
  merchantId: number,
  after: string | undefined,
  limit: number,
): Promise<Row[]> {
  return db.query(
    `SELECT ${columns} FROM ${table} WHERE merchant_id = ? AND code > ? ORDER BY code LIMIT ?`,
    [merchantId, after ?? '', limit + 1],
  );
}
