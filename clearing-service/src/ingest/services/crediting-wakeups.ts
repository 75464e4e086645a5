import { Injectable, Logger } from '@nestjs/common';
import { QueueName } from '../../queue/queue-name';
import { QueueProducer } from '../../queue/queue-producer';

export interface CreditProgramJob {
  programId: number;
}

// One wake-up per program per quarter second is plenty: the worker drains everything waiting.
export const COALESCE_MS = 250;

/**
 * Tells the worker a program has events waiting. Only a wake-up: the events are already in MySQL,
 * and the worker's sweeper finds them even if this job is lost (Redis down or wiped).
 *
 * At most two jobs per program per quarter second: one at the window's first event, and one due at
 * the window's end if more events came after it. Without the second, the last events of a stream
 * could arrive after the worker's drain had claimed the first ones and wait for the sweeper (2 s).
 */
@Injectable()
export class CreditingWakeups {
  private readonly logger = new Logger('crediting-wakeups');
  /** Per program: the coalescing window it was last woken in, and whether its end is booked. */
  private readonly windows = new Map<number, { window: number; endBooked: boolean }>();

  constructor(private readonly producer: QueueProducer) {}

  wake(programId: number, now = Date.now()): void {
    const window = Math.floor(now / COALESCE_MS);
    const last = this.windows.get(programId);
    if (last?.window === window) {
      if (last.endBooked) return;
      last.endBooked = true;
      this.add(programId, `credit-${programId}-${window}-end`, (window + 1) * COALESCE_MS - now);
      return;
    }
    this.windows.set(programId, { window, endBooked: false });
    this.add(programId, `credit-${programId}-${window}`, 0);
  }

  private add(programId: number, jobId: string, delay: number): void {
    const job: CreditProgramJob = { programId };
    this.producer
      .add(QueueName.Crediting, 'credit-program', job, {
        jobId,
        delay,
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
