import type { DataSource } from 'typeorm';

// A per-program lease lives in a row the caller already keeps per program (e.g. the fsck's
// audit_fsck_results), not in a shared schedule_leases table: the condition that says the work is
// due (checked_at old enough) sits in the same row, so taking the lease and checking it is due is
// one atomic UPDATE, and recording the result frees the lease in that same write.

/** What the lease needs of a DataSource or EntityManager. */
export type Queryable = Pick<DataSource, 'query'>;

/** Where the lease is kept: `table` has one row per program, keyed by `program_id`. */
export interface LeaseColumn {
  table: string;
  /** A nullable DATETIME(3): until when the program's work is held. */
  column: string;
}

/** A condition on the program's row that must hold too, e.g. that the work is due again. */
export interface LeaseCondition {
  sql: string;
  params: unknown[];
}

export interface Statement {
  sql: string;
  params: unknown[];
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** The statements of a lease: pure, so what they say is tested without a database. */
export function leaseStatements(where: LeaseColumn) {
  for (const name of [where.table, where.column]) {
    if (!IDENTIFIER.test(name)) throw new Error(`not an SQL identifier: ${name}`);
  }
  const { table, column } = where;
  return {
    // The row must exist for the UPDATE to take it; a new program's row starts with no lease.
    ensureRow: (programId: number): Statement => ({
      sql: `INSERT IGNORE INTO ${table} (program_id) VALUES (?)`,
      params: [programId],
    }),
    claim: (programId: number, seconds: number, also?: LeaseCondition): Statement => ({
      sql:
        `UPDATE ${table} SET ${column} = NOW(3) + INTERVAL ? SECOND` +
        ` WHERE program_id = ? AND (${column} IS NULL OR ${column} < NOW(3))` +
        (also ? ` AND (${also.sql})` : ''),
      params: [seconds, programId, ...(also?.params ?? [])],
    }),
    release: (programId: number): Statement => ({
      sql: `UPDATE ${table} SET ${column} = NULL WHERE program_id = ?`,
      params: [programId],
    }),
  };
}

/**
 * Which worker does a program's periodic work: the one that claims its lease. A worker that dies
 * holding it frees it when it runs out, so `seconds` bounds how long one run may take.
 */
export class ProgramLease {
  private readonly statements: ReturnType<typeof leaseStatements>;

  constructor(
    private readonly db: Queryable,
    where: LeaseColumn,
    private readonly seconds: number,
  ) {
    this.statements = leaseStatements(where);
  }

  /** True: this worker holds the program's lease now (nobody else did, and `also` holds). */
  async claim(programId: number, also?: LeaseCondition): Promise<boolean> {
    await this.run(this.statements.ensureRow(programId));
    const result = await this.run<{ affectedRows: number }>(
      this.statements.claim(programId, this.seconds, also),
    );
    return result.affectedRows === 1;
  }

  /** Gives the lease back, e.g. after a run that could not finish. */
  async release(programId: number): Promise<void> {
    await this.run(this.statements.release(programId));
  }

  private run<T>({ sql, params }: Statement): Promise<T> {
    return this.db.query<T>(sql, params);
  }
}
