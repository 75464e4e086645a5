import { leaseStatements, ProgramLease } from '../../src/schedule/program-lease';

const where = { table: 'audit_fsck_results', column: 'claimed_until' };

describe('program lease', () => {
  it('takes the lease only when it is free or has run out, and the caller’s condition holds', () => {
    const claim = leaseStatements(where).claim(7, 3600, {
      sql: 'checked_at IS NULL OR checked_at <= NOW(3) - INTERVAL ? MICROSECOND',
      params: [5000],
    });
    expect(claim.sql).toBe(
      'UPDATE audit_fsck_results SET claimed_until = NOW(3) + INTERVAL ? SECOND' +
        ' WHERE program_id = ? AND (claimed_until IS NULL OR claimed_until < NOW(3))' +
        ' AND (checked_at IS NULL OR checked_at <= NOW(3) - INTERVAL ? MICROSECOND)',
    );
    expect(claim.params).toEqual([3600, 7, 5000]);
    expect(leaseStatements(where).claim(7, 60).params).toEqual([60, 7]);
  });

  it('refuses a table or column that is not a plain identifier', () => {
    expect(() => leaseStatements({ table: 'x; DROP TABLE y', column: 'c' })).toThrow(/identifier/);
  });

  it('ensures the program row, then claims; true only when this worker took it', async () => {
    const seen: [string, unknown[]][] = [];
    let affectedRows = 1;
    const db = {
      query: async (sql: string, params?: unknown[]) => {
        seen.push([sql, params ?? []]);
        return sql.startsWith('UPDATE') ? { affectedRows } : undefined;
      },
    };
    const lease = new ProgramLease(db as never, where, 3600);
    expect(await lease.claim(3)).toBe(true);
    affectedRows = 0;
    expect(await lease.claim(3)).toBe(false);
    await lease.release(3);
    expect(seen[0]).toEqual(['INSERT IGNORE INTO audit_fsck_results (program_id) VALUES (?)', [3]]);
    expect(seen.at(-1)).toEqual([
      'UPDATE audit_fsck_results SET claimed_until = NULL WHERE program_id = ?',
      [3],
    ]);
  });
});
