import { Injectable } from '@nestjs/common';
import { retryOnDeadlock } from '../../database/deadlock-retry';
import { CreditingBatch, DEFAULT_BATCH_SIZE } from './crediting-batch.service';

interface RunningDrain {
  /** Asked for again while running: go round once more before stopping. */
  again: boolean;
  done: Promise<number>;
}

/**
 * Credits batches of one program until nothing is waiting; returns how many events it took.
 * One drain per program at a time in this process: batches of a program are serial on its
 * audit-log head anyway, so racing drains (wake-up jobs two at a time, the sweeper) would only
 * hold pooled connections while they wait for that lock. A drain asked for while one runs makes
 * that one go round once more, and resolves when it is done.
 */
@Injectable()
export class ProgramDrain {
  private readonly running = new Map<number, RunningDrain>();

  constructor(private readonly batch: CreditingBatch) {}

  drain(programId: number, batchSize = DEFAULT_BATCH_SIZE): Promise<number> {
    const current = this.running.get(programId);
    if (current) {
      current.again = true;
      return current.done;
    }
    const drain: RunningDrain = { again: false, done: Promise.resolve(0) };
    drain.done = this.run(programId, batchSize, drain).finally(() =>
      this.running.delete(programId),
    );
    this.running.set(programId, drain);
    return drain.done;
  }

  private async run(programId: number, batchSize: number, drain: RunningDrain): Promise<number> {
    let total = 0;
    for (;;) {
      drain.again = false;
      // A deadlock rolls the whole batch back; try it again at once rather than at the next sweep.
      const taken = await retryOnDeadlock(() => this.batch.run(programId, batchSize));
      total += taken;
      if (taken < batchSize && !drain.again) return total;
    }
  }
}
