import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import type { JobProcessor } from '../../queue/job-processor';
import { QueueName } from '../../queue/queue-name';
import type { BindingCreatedJob } from '../../residents/bindings/binding-created.job';
import { requeueWaitingOf } from '../../ingest/services/inbox-status-store';
import { ProgramDrain } from './program-drain';

/** A resident bound an operator account: that user's waiting events go back to `accepted` and credit. */
@Injectable()
export class BindingsProcessor implements JobProcessor<BindingCreatedJob> {
  readonly queue = QueueName.Bindings;
  readonly concurrency = 1;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly drain: ProgramDrain,
  ) {}

  async process(job: Job<BindingCreatedJob>): Promise<void> {
    const { programId, participantId, externalUserId } = job.data;
    await requeueWaitingOf(this.dataSource, programId, participantId, externalUserId);
    await this.drain.drain(programId);
  }
}
