import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AUDIT_INVARIANTS } from '../audit/audit-invariants';
import { INGEST_INVARIANTS } from '../ingest/ingest-invariants';
import { LEDGER_INVARIANTS } from '../ledger/ledger-invariants';
import { ROLLUPS_INVARIANT, rollupViolations } from '../reporting/reporting-invariants';
import { programCodes } from '../tenancy/services/programs-store';
import type { InvariantCheck, LedgerCheckResult } from '../database/invariant-check';
import { SPANNING_INVARIANTS } from './spanning-invariants';

/**
 * Every check, in the order of their numbers (a stable sort: checks of one number in this order):
 * each module's own, and those that span modules.
 */
const CHECKS: InvariantCheck[] = [
  ...LEDGER_INVARIANTS,
  ...SPANNING_INVARIANTS,
  ...AUDIT_INVARIANTS,
  ...INGEST_INVARIANTS,
].sort((a, b) => parseInt(a.invariant, 10) - parseInt(b.invariant, 10));

/**
 * `npm run cli -- ledger:check`, and the same check for tests: the invariants that live in MySQL,
 * over the live database. The first check that finds rows is the report.
 */
@Injectable()
export class LedgerCheck {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async run(programCode?: string): Promise<LedgerCheckResult> {
    const codes = await programCodes(this.dataSource);
    const ids = [...codes]
      .filter(([, code]) => !programCode || code === programCode)
      .map(([id]) => id);
    if (programCode && ids.length === 0) throw new Error(`program ${programCode} not found`);
    if (ids.length === 0) ids.push(0);
    const checked: string[] = [];
    for (const check of CHECKS) {
      const sql = check.sql.replace(/:program_ids/g, ids.map(() => '?').join(', '));
      const params = repeatFor(check.sql, ids);
      const rows: Record<string, unknown>[] = await this.dataSource.query(sql, params);
      checked.push(check.invariant);
      if (rows.length > 0) {
        return {
          ok: false,
          checked,
          violation: { invariant: check.invariant, description: check.description, rows },
        };
      }
    }
    // Last, the dashboards' rollups made again from what the checks above found sound.
    const rollups = await rollupViolations(
      this.dataSource,
      ids.filter((id) => id > 0),
    );
    checked.push(ROLLUPS_INVARIANT.invariant);
    if (rollups.length > 0)
      return { ok: false, checked, violation: { ...ROLLUPS_INVARIANT, rows: rollups } };
    return { ok: true, checked, violation: null };
  }
}

/** Each `:program_ids` list becomes `?, ?, …`: pass the ids once per list. */
function repeatFor(sql: string, ids: number[]): number[] {
  const lists = sql.split(':program_ids').length - 1;
  return Array.from({ length: lists }, () => ids).flat();
}
