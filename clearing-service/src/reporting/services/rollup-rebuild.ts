import type { DataSource } from 'typeorm';
import { retryOnDeadlock } from '../../database/deadlock-retry';
import type { SqlRunner } from '../../database/sql';
import {
  activeDays,
  cycleFigures,
  postingDays,
  reductionDays,
} from '../../read-models/reporting-sources';
import { recordCyclePositions } from '../reporting-writer';
import {
  compareRollups,
  expectedRollups,
  type RollupDifference,
  type Sources,
} from '../rollup-comparison';
import { pointFigureOf } from '../rollup-facts';
import { applyPayloads, foldProgram } from './rollup-folder';
import { clearRollups, lockFold, storedRollups } from './rollups-store';

async function readSources(db: SqlRunner, programId: number): Promise<Sources> {
  return {
    reductionDays: await reductionDays(db, programId),
    activeDays: await activeDays(db, programId),
    postingDays: await postingDays(db, programId),
    cycles: await cycleFigures(db, programId),
  };
}

/**
 * The rollups made again from the ledger, the reductions and the cycles, against those stored:
 * what was still in the outbox is folded first, so a quiet program compares exactly.
 */
export async function rollupDifferences(
  db: DataSource,
  programId: number,
): Promise<RollupDifference[]> {
  await foldProgram(db, programId);
  return db.transaction('REPEATABLE READ', async (tx) => {
    const expected = expectedRollups(await readSources(tx, programId));
    return compareRollups(expected, await storedRollups(tx, programId));
  });
}

/** Replaces a program's rollups with those made again from the sources (under the fold lock). */
export async function replaceRollups(db: DataSource, programId: number): Promise<void> {
  await foldProgram(db, programId);
  await retryOnDeadlock(() =>
    db.transaction('REPEATABLE READ', async (tx) => {
      await lockFold(tx, programId);
      const s = await readSources(tx, programId);
      await clearRollups(tx, programId);
      const flows = s.postingDays.flatMap((p) => {
        const f = pointFigureOf(p.transactionKind, p.accountKind, p.amount);
        return f && f.points !== 0 ? [[p.day, p.issuerId, f.figure, f.points] as const] : [];
      });
      await applyPayloads(tx, programId, [
        { cells: s.reductionDays, active: s.activeDays, flows: flows.map((f) => [...f]) },
      ]);
      for (const seq of new Set(s.cycles.positions.map((p) => p.seq)))
        await recordCyclePositions(
          tx,
          programId,
          seq,
          s.cycles.obligations.filter((o) => o.seq === seq),
          s.cycles.positions.filter((p) => p.seq === seq),
        );
    }),
  );
}
