import type { Job } from 'bullmq';
import type { QueueName } from './queue-name';

/** One consumer of one queue; the worker process runs every processor it is given. */
export interface JobProcessor<T = unknown> {
  readonly queue: QueueName;
  readonly concurrency: number;
  process(job: Job<T>): Promise<void>;
}

export const JOB_PROCESSORS = Symbol('JOB_PROCESSORS');
