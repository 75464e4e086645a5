import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { retryOnDeadlock } from '../../database/deadlock-retry';
import type { SqlRunner } from '../../database/sql';
import { foldPayloads, type FactsPayload } from '../rollup-facts';
import {
  addActive,
  addFlows,
  addReductionCells,
  deleteFacts,
  lockFold,
  programsWithFacts,
  takeFacts,
} from './rollups-store';

/** Outbox rows folded per transaction: a crediting batch is one row, so up to 100 batches. */
const ROWS_PER_FOLD = 100;

/**
 * Folds the outbox into the rollups, a program at a time under its fold lock, the rows deleted in
 * the transaction that added them: each fact counts once, whether the worker stops or not.
 */
@Injectable()
export class RollupFolder {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Folds everything waiting; returns the number of outbox rows folded. */
  async foldAll(signal?: AbortSignal): Promise<number> {
    let folded = 0;
    for (const programId of await programsWithFacts(this.db)) {
      if (signal?.aborted) break;
      folded += await foldProgram(this.db, programId, signal);
    }
    return folded;
  }
}

/** Folds one program's waiting facts, ROWS_PER_FOLD outbox rows per transaction. */
export async function foldProgram(
  db: DataSource,
  programId: number,
  signal?: AbortSignal,
): Promise<number> {
  let folded = 0;
  for (;;) {
    if (signal?.aborted) return folded;
    const n = await retryOnDeadlock(() =>
      db.transaction('READ COMMITTED', async (tx) => {
        await lockFold(tx, programId);
        const { ids, payloads } = await takeFacts(tx, programId, ROWS_PER_FOLD);
        await applyPayloads(tx, programId, payloads);
        await deleteFacts(tx, ids);
        return ids.length;
      }),
    );
    folded += n;
    if (n < ROWS_PER_FOLD) return folded;
  }
}

/** The rollups' one way in: payloads folded, then added (the bench's bulk preparation uses it too). */
export async function applyPayloads(
  db: SqlRunner,
  programId: number,
  payloads: FactsPayload[],
): Promise<void> {
  if (payloads.length === 0) return;
  const { cells, active, flows } = foldPayloads(payloads);
  await addReductionCells(db, programId, cells);
  await addActive(db, programId, active);
  await addFlows(db, programId, flows);
}
