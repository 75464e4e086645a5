import type { SqlRunner } from '../../database/sql';
import type { Program } from '../../tenancy/entities/program.entity';
import { nextCutoff } from '../calendar/cycle-calendar';
import { calendarOf } from './cycle-calendar-of';
import { openCycleSeq, openFirstCycle } from './cycles-store';

/**
 * The cycle a capture or refund belongs to: the program's OPEN one, read under a shared lock that
 * the caller's transaction keeps until it commits, so a close (which takes the row exclusively)
 * waits for it. The first lock of every capture and refund (docs/redemption.md's lock order).
 */
export async function stampingCycle(db: SqlRunner, program: Program): Promise<number> {
  const seq = await openCycleSeq(db, program.id, 'share');
  if (seq !== null) return seq;
  await openFirstCycle(db, program.id, new Date(nextCutoff(calendarOf(program), Date.now())));
  return (await openCycleSeq(db, program.id, 'share'))!;
}
