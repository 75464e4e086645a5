import { Injectable, Logger } from '@nestjs/common';
import { QueueName } from '../../queue/queue-name';
import { QueueProducer } from '../../queue/queue-producer';
import { CREDIT_PROGRAM_JOB, type CreditProgramJob } from '../credit-program.job';

// One wake-up per program per quarter second is plenty: the worker drains everything waiting.
export const COALESCE_MS = 250;

/**
 * Tells the worker a program has events waiting. Only a wake-up: the events are already in MySQL,
 * and the worker's sweeper finds them even if this job is lost (Redis down or wiped).
 *
 * One job per program per quarter second, due at the end of that quarter: the first event of a
 * window books it, and the drain it starts finds the whole window's events. (A job due at once
 * left the events that came after its drain's claim to the sweeper, 2 s later, when no further
 * event followed: the end of every stream.)
 */
@Injectable()
export class CreditingWakeups {
  private readonly logger = new Logger('crediting-wakeups');
  /** The coalescing window each program was last woken in, so a busy stream costs few Redis calls. */
  private readonly lastWindow = new Map<number, number>();

  constructor(private readonly producer: QueueProducer) {}

  wake(programId: number, now = Date.now()): void {
    const window = Math.floor(now / COALESCE_MS);
    if (this.lastWindow.get(programId) === window) return;
    this.lastWindow.set(programId, window);
    const job: CreditProgramJob = { programId };
    this.producer
      .add(QueueName.Crediting, CREDIT_PROGRAM_JOB, job, {
        jobId: `credit-${programId}-${window}`,
        delay: (window + 1) * COALESCE_MS - now,
        removeOnComplete: true,
        removeOnFail: 100,
      })
      .catch((err: Error) =>
        this.logger.warn(
          `wake-up for program ${programId} not queued (the sweeper will find it): ${err.message}`,
        ),
      );
  }
}
