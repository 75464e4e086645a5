import { Injectable, Logger } from '@nestjs/common';
import { QueueName } from '../../queue/queue-name';
import { QueueProducer } from '../../queue/queue-producer';

export interface DeliverCallbackJob {
  deliveryId: string;
}

/**
 * Tells the worker a delivery is due (now, or after a retry's backoff). Only a wake-up: the
 * delivery row is the truth, and the callback sweeper finds it even if this job is lost.
 */
@Injectable()
export class CallbackWakeups {
  private readonly logger = new Logger('callback-wakeups');

  constructor(private readonly producer: QueueProducer) {}

  wake(deliveryId: string, attempt: number, delayMs: number): void {
    const job: DeliverCallbackJob = { deliveryId };
    this.producer
      .add(QueueName.Callbacks, 'deliver-callback', job, {
        jobId: `${deliveryId}-${attempt}`,
        delay: Math.max(0, delayMs),
        removeOnComplete: true,
        removeOnFail: 100,
      })
      .catch((err: Error) =>
        this.logger.warn(
          `wake-up for ${deliveryId} not queued (the sweeper will find it): ${err.message}`,
        ),
      );
  }
}
