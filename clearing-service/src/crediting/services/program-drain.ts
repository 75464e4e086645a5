import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/app-config';
import { retryOnDeadlock } from '../../database/deadlock-retry';
import { CreditingBatch, DEFAULT_BATCH_SIZE } from './crediting-batch';

interface RunningDrain {
  /** Asked for again while running: go round once more before stopping. */
  again: boolean;
  done: Promise<number>;
}

// A batch whose every event belonged to residents other batches held: give those a moment to commit.
const DEFERRED_PAUSE_MS = 10;

/**
 * Credits batches of one program until nothing is waiting; returns how many events it decided.
 * `lanes` batches of a program run at once (CREDITING_LANES): one batch's statements would leave
 * the database idle between round trips, and batches only queue for each other at their very end
 * (see CreditingBatch). One drain per program in this process: a drain asked for while one runs
 * makes that one go round once more, and resolves when it is done.
 */
@Injectable()
export class ProgramDrain {
  private readonly running = new Map<number, RunningDrain>();
  private readonly lanes: number;

  constructor(
    private readonly batch: CreditingBatch,
    @Inject(APP_CONFIG) config: { crediting: Pick<AppConfig['crediting'], 'lanes'> },
  ) {
    this.lanes = config.crediting.lanes;
  }

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
    do {
      drain.again = false;
      const lanes = Array.from({ length: this.lanes }, () => this.lane(programId, batchSize));
      for (const decided of await Promise.all(lanes)) total += decided;
    } while (drain.again);
    return total;
  }

  /** Batch after batch until one finds less than a full batch and left nothing for later. */
  private async lane(programId: number, batchSize: number): Promise<number> {
    let decided = 0;
    for (;;) {
      // A deadlock rolls the whole batch back; try it again at once rather than at the next sweep.
      const { claimed, deferred } = await retryOnDeadlock(() =>
        this.batch.run(programId, batchSize),
      );
      decided += claimed - deferred;
      if (claimed < batchSize && deferred === 0) return decided;
      if (claimed > 0 && claimed === deferred)
        await new Promise((r) => setTimeout(r, DEFERRED_PAUSE_MS));
    }
  }
}
