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

/** `UPDATE table SET col = CASE id WHEN … END, … WHERE id IN (…)` for many rows in one statement. */
export async function updateRowsById(
  db: EntityManager,
  table: string,
  columns: string[],
  rows: { id: number | string; values: unknown[] }[],
): Promise<void> {
  if (rows.length === 0) return;
  const params: unknown[] = [];
  const sets = columns.map((column, c) => {
    const cases = rows.map((row) => {
      params.push(row.id, row.values[c]);
      return 'WHEN ? THEN ?';
    });
    return `${column} = CASE id ${cases.join(' ')} END`;
  });
  params.push(...rows.map((r) => r.id));
  await db.query(
    `UPDATE ${table} SET ${sets.join(', ')} WHERE id IN (${rows.map(() => '?').join(', ')})`,
    params,
  );
}

/** `?, ?, ?` for an IN list. */
export function placeholders(values: readonly unknown[]): string {
  return values.map(() => '?').join(', ');
}
