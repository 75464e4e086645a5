import { Injectable, Logger } from '@nestjs/common';
import { QueueName } from '../../queue/queue-name';
import { QueueProducer } from '../../queue/queue-producer';

export interface KeyUsedJob {
  keyId: string;
  usedAt: string;
}

const MINUTE_MS = 60_000;

/**
 * Notes that an API key was used, off the request path: at most one job per key per minute per
 * process, and a Redis outage never fails a request (last-used is an aid to rotation, not a record).
 */
@Injectable()
export class KeyUsageRecorder {
  private readonly logger = new Logger('key-usage');
  private readonly lastQueued = new Map<string, number>();

  constructor(private readonly producer: QueueProducer) {}

  record(keyId: string, now = Date.now()): void {
    const minute = Math.floor(now / MINUTE_MS);
    if (this.lastQueued.get(keyId) === minute) return;
    this.lastQueued.set(keyId, minute);
    if (this.lastQueued.size > 10_000) this.lastQueued.clear(); // bound memory under key churn
    const job: KeyUsedJob = { keyId, usedAt: new Date(now).toISOString() };
    this.producer
      .add(QueueName.KeyUsage, 'key-used', job, {
        jobId: `${keyId}-${minute}`,
        removeOnComplete: true,
        removeOnFail: 1000,
        attempts: 3,
        backoff: { type: 'exponential', delay: 1000 },
      })
      .catch((err: Error) => this.logger.warn(`could not queue usage of ${keyId}: ${err.message}`));
  }
}
