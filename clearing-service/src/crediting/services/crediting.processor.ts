import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { CreditProgramJob } from '../../ingest/credit-program.job';
import type { JobProcessor } from '../../queue/job-processor';
import { QueueName } from '../../queue/queue-name';
import { ProgramDrain } from './program-drain';

/** A wake-up from the api: credit everything the program has waiting. */
@Injectable()
export class CreditingProcessor implements JobProcessor<CreditProgramJob> {
  readonly queue = QueueName.Crediting;
  // Two programs at once; batches of one program queue on its audit-log head anyway.
  readonly concurrency = 2;

  constructor(private readonly drain: ProgramDrain) {}

  async process(job: Job<CreditProgramJob>): Promise<void> {
    await this.drain.drain(job.data.programId);
  }
}
