import { Logger } from '@nestjs/common';
import type { Store } from './storage-unavailable';

/**
 * Says when a store stops answering and when it answers again, once each. During an outage every
 * request fails the same way: a line (or a stack) per request would bury the two that matter.
 */
export class OutageLog {
  private readonly logger: Logger;
  private since: number | null = null;

  /** `meanwhile`: what the service does while the store is away, e.g. "requests answer 503". */
  constructor(
    private readonly store: Store,
    private readonly meanwhile: string,
  ) {
    this.logger = new Logger(store.toLowerCase());
  }

  failed(cause: Error): void {
    if (this.since !== null) return;
    this.since = Date.now();
    this.logger.warn(
      `${this.store} unavailable (${cause.message}): ${this.meanwhile} until it answers again`,
    );
  }

  /** Called on every answer the store gives, so it must cost next to nothing while all is well. */
  answered(): void {
    if (this.since === null) return;
    const seconds = ((Date.now() - this.since) / 1000).toFixed(1);
    this.logger.log(`${this.store} answers again, ${seconds} s after it first failed`);
    this.since = null;
  }
}
