import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { JobProcessor } from '../../queue/job-processor';
import { QueueName } from '../../queue/queue-name';
import { CallbackDispatcher } from './callback-dispatcher';
import type { DeliverCallbackJob } from './callback-wakeups';

/** A delivery is due (new, or its backoff is over): send it unless someone else already is. */
@Injectable()
export class CallbacksProcessor implements JobProcessor<DeliverCallbackJob> {
  readonly queue = QueueName.Callbacks;
  // Mostly waiting on operators' endpoints, so several at once.
  readonly concurrency = 8;

  constructor(private readonly dispatcher: CallbackDispatcher) {}

  async process(job: Job<DeliverCallbackJob>): Promise<void> {
    await this.dispatcher.deliverOne(job.data.deliveryId);
  }
}
