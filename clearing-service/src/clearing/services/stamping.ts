import type { DataSource, EntityManager } from 'typeorm';
import { retryOnDeadlock } from '../../database/deadlock-retry';
import type { Program } from '../../tenancy/entities/program.entity';
import { nextCutoff } from '../calendar/cycle-calendar';
import { calendarOf } from './cycle-calendar-of';
import { openCycleSeq, openFirstCycle } from './cycles-store';

/**
 * The cycle a capture or refund belongs to: the program's OPEN one, read under a shared lock that
 * the caller's transaction keeps until it commits, so a close (which takes the row exclusively)
 * waits for it. The first lock of every capture and refund (docs/redemption.md's lock order).
 */
export async function stampingCycle(db: EntityManager, program: Program): Promise<number> {
  const seq = await openCycleSeq(db, program.id, 'share');
  if (seq !== null) return seq;
  // Only when the caller did not ensureOpenCycle first (a capture made in process).
  await openFirstCycle(db, program.id, new Date(nextCutoff(calendarOf(program), Date.now())));
  return (await openCycleSeq(db, program.id, 'share'))!;
}

const opened = new Set<number>();

/**
 * Opens the program's first cycle unless it has one, before the caller's transaction begins (the
 * routes that capture and refund call it): racing first captures that opened it inside their own
 * transactions would deadlock on its insert when one of them rolls back. Remembered per process.
 */
export async function ensureOpenCycle(dataSource: DataSource, program: Program): Promise<void> {
  if (opened.has(program.id)) return;
  if ((await openCycleSeq(dataSource, program.id, 'share')) === null)
    await retryOnDeadlock(() =>
      openFirstCycle(dataSource, program.id, new Date(nextCutoff(calendarOf(program), Date.now()))),
    );
  opened.add(program.id);
}
