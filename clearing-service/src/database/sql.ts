import { format, type SqlValue } from 'mysql2';
import type { EntityManager } from 'typeorm';

/** What MySQL reports for an INSERT: rows written (1 per new row, 0 per unchanged duplicate) and the first new id. */
export interface InsertResult {
  affectedRows: number;
  insertId: number;
  /** The server's summary of a multi-row INSERT: `Records: 3  Duplicates: 1  Warnings: 0`. */
  info?: string;
}

/** Where statements go: a transaction's EntityManager, or a StatementQueue in front of one. */
export type SqlRunner = Pick<EntityManager, 'query'>;

/** Runs a bulk INSERT of `rows` (each an array of values in `columns` order) in one statement. */
export async function insertRows(
  db: SqlRunner,
  table: string,
  columns: string[],
  rows: unknown[][],
  suffix = '',
  verb: 'INSERT' | 'INSERT IGNORE' = 'INSERT',
): Promise<InsertResult> {
  if (rows.length === 0) return { affectedRows: 0, insertId: 0 };
  const placeholders = `(${columns.map(() => '?').join(', ')})`;
  return db.query(
    `${verb} INTO ${table} (${columns.join(', ')}) VALUES ${rows.map(() => placeholders).join(', ')} ${suffix}`,
    rows.flat(),
  );
}

/**
 * Updates many rows by id in one statement: `UPDATE t JOIN (SELECT ? AS id, ? AS c … UNION ALL …) v`.
 * Measured on 500 rows × 6 columns: about 15 ms, against 35-50 ms for `SET c = CASE id WHEN …` lists.
 */
export async function updateRowsById(
  db: SqlRunner,
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

/**
 * The ids a multi-row INSERT gave its rows, in row order, when the server guarantees they are
 * consecutive: every row new, and auto-increment lock mode 0 or 1 ("traditional" or "consecutive",
 * MariaDB's default), which hands a simple INSERT one block of ids. Null otherwise (lock mode 2, the
 * MySQL 8 default, interleaves concurrent inserts): the caller then reads its ids back.
 */
export async function consecutiveInsertIds(
  db: EntityManager | StatementQueue,
  inserted: InsertResult,
  rowCount: number,
): Promise<number[] | null> {
  if (rowCount === 0) return [];
  if (Number(inserted.affectedRows) !== rowCount || !(Number(inserted.insertId) > 0)) return null;
  // An unchanged duplicate of `ON DUPLICATE KEY UPDATE` also counts as affected (the driver asks for
  // found rows), and it used up an id of the block: only the summary tells.
  if (/Duplicates: [1-9]/.test(inserted.info ?? '')) return null;
  const step = await autoIncrementStep(db);
  if (step === null) return null;
  const first = Number(inserted.insertId);
  return Array.from({ length: rowCount }, (_, i) => first + i * step);
}

// Server settings, read once per connection pool: they cannot change without a server restart
// (innodb_autoinc_lock_mode) or are set for the whole server (auto_increment_increment).
const autoIncrementSteps = new WeakMap<object, Promise<number | null>>();

function autoIncrementStep(db: EntityManager | StatementQueue): Promise<number | null> {
  const connection = (db instanceof StatementQueue ? db.db : db).connection;
  let step = autoIncrementSteps.get(connection);
  if (!step) {
    step = db
      .query('SELECT @@innodb_autoinc_lock_mode AS mode, @@auto_increment_increment AS step')
      .then(([r]: { mode: number | string; step: number | string }[]) =>
        Number(r.mode) <= 1 ? Number(r.step) : null,
      );
    // A failed read is not cached: the next batch asks again.
    step.catch(() => autoIncrementSteps.delete(connection));
    autoIncrementSteps.set(connection, step);
  }
  return step;
}

/** `?, ?, ?` for an IN list. */
export function placeholders(values: readonly unknown[]): string {
  return values.map(() => '?').join(', ');
}

/**
 * Leaves a queued statement to run without waiting for it here: its failure still reaches
 * StatementQueue.run (and so the caller's rollback), instead of surfacing as an unhandled rejection.
 */
export function noWait(statement: Promise<unknown>): void {
  statement.catch(() => undefined);
}

/**
 * The statements of one transaction, sent one after another without the caller waiting for each in
 * turn: the server executes one while this process escapes the next and does other work (a
 * crediting batch encodes its audit leaves meanwhile). Values are escaped when a statement is
 * queued, as the driver would, so that cost overlaps too. Order is kept, and after the first failure
 * nothing more is sent: after a deadlock InnoDB has already rolled the transaction back, and a
 * statement sent then would run, and commit, on its own.
 */
export class StatementQueue implements SqlRunner {
  private tail: Promise<void> = Promise.resolve();
  private failure: { error: unknown } | null = null;
  private readonly timezone: string;

  constructor(readonly db: EntityManager) {
    this.timezone = (db.connection.options as { timezone?: string }).timezone ?? 'local';
  }

  /** Queues one statement; await the result only where it is needed. */
  // `any` as in EntityManager.query, whose callers type the rows they expect.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query<T = any>(sql: string, parameters?: unknown[]): Promise<T> {
    const text = parameters ? format(sql, parameters as SqlValue[], false, this.timezone) : sql;
    return this.send(() => this.db.query(text) as Promise<T>);
  }

  /** Queues work that runs statements of its own on the transaction, e.g. another module's writer. */
  send<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(() => {
      if (this.failure) throw this.failure.error;
      return work();
    });
    // Handles every result, so one that nobody awaits cannot become an unhandled rejection.
    this.tail = result.then(
      () => undefined,
      (error: unknown) => void (this.failure ??= { error }),
    );
    return result;
  }

  /**
   * Runs `body`, which queues statements on this queue, and waits until all of them have run.
   * Throws the first failure (body or statement) only once nothing is running any more, so the
   * caller's rollback cannot overtake a statement still on its way.
   */
  async run<T>(body: () => Promise<T>): Promise<T> {
    try {
      const value = await body();
      await this.tail;
      if (this.failure) throw this.failure.error;
      return value;
    } catch (error) {
      this.failure ??= { error };
      await this.tail;
      throw error;
    }
  }
}
