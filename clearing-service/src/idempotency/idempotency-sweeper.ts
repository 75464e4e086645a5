import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { PeriodicTask } from '../schedule/periodic-task';
import { IDEMPOTENCY_RETENTION_HOURS } from './idempotent-requests';

const EVERY_MS = 10 * 60_000;
const BATCH = 5_000;

/** Deletes keys past retention, in batches, every ten minutes (the worker's timer). */
@Injectable()
export class IdempotencySweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task = new PeriodicTask('idempotency-sweeper');

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  onApplicationBootstrap(): void {
    this.task.start(EVERY_MS, async (signal) => {
      while (!signal.aborted && (await this.sweep()) === BATCH);
    });
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** One batch; returns how many keys it deleted. */
  async sweep(): Promise<number> {
    const result: { affectedRows: number } = await this.db.query(
      `DELETE FROM idempotency_keys
        WHERE created_at < NOW(3) - INTERVAL ${IDEMPOTENCY_RETENTION_HOURS} HOUR LIMIT ${BATCH}`,
    );
    return result.affectedRows;
  }
}
