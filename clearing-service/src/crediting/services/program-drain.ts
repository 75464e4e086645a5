import { Injectable } from '@nestjs/common';
import { retryOnDeadlock } from '../../database/deadlock-retry';
import { CreditingBatch, DEFAULT_BATCH_SIZE } from './crediting-batch.service';

/** Credits batches of one program until nothing is waiting; returns how many events it took. */
@Injectable()
export class ProgramDrain {
  constructor(private readonly batch: CreditingBatch) {}

  async drain(programId: number, batchSize = DEFAULT_BATCH_SIZE): Promise<number> {
    let total = 0;
    for (;;) {
      // A deadlock rolls the whole batch back; try it again at once rather than at the next sweep.
      const taken = await retryOnDeadlock(() => this.batch.run(programId, batchSize));
      total += taken;
      if (taken < batchSize) return total;
    }
  }
}
