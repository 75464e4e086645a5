import { Injectable } from '@nestjs/common';
import { CreditingBatch, DEFAULT_BATCH_SIZE } from './crediting-batch.service';

/** Credits batches of one program until nothing is waiting; returns how many events it took. */
@Injectable()
export class ProgramDrain {
  constructor(private readonly batch: CreditingBatch) {}

  async drain(programId: number, batchSize = DEFAULT_BATCH_SIZE): Promise<number> {
    let total = 0;
    for (;;) {
      const taken = await this.batch.run(programId, batchSize);
      total += taken;
      if (taken < batchSize) return total;
    }
  }
}
