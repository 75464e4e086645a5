import type { DataSource } from 'typeorm';
import { rollupDifferences } from './services/rollup-rebuild';

// Reporting's part of ledger:check: the dashboards' rollups equal what the ledger, the reductions
// and the cycles make of them again (see services/rollup-rebuild.ts).

export const ROLLUPS_INVARIANT = {
  invariant: 'rollups',
  description:
    'the dashboards’ rollups equal the figures made again from the ledger and the reductions',
};

/** The first differing rows (at most `limit`), each named by its table and key; none when they agree. */
export async function rollupViolations(
  db: DataSource,
  programIds: number[],
  limit = 20,
): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for (const programId of programIds) {
    for (const d of await rollupDifferences(db, programId)) {
      out.push({ program_id: programId, ...d });
      if (out.length >= limit) return out;
    }
  }
  return out;
}
