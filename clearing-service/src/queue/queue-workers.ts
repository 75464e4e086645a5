import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Worker } from 'bullmq';
import type IORedis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { JOB_PROCESSORS, JobProcessor } from './job-processor';
import { createRedis } from './redis-connection';

/** Starts a BullMQ worker per processor; on shutdown waits for the jobs in flight to finish. */
@Injectable()
export class QueueWorkers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('queue');
  private readonly workers: { worker: Worker; connection: IORedis }[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(JOB_PROCESSORS) private readonly processors: JobProcessor[],
  ) {}

  onApplicationBootstrap(): void {
    for (const processor of this.processors) {
      const connection = createRedis(this.config.redis.url, 'worker');
      const worker = new Worker(processor.queue, (job) => processor.process(job), {
        connection,
        prefix: this.config.redis.queuePrefix,
        concurrency: processor.concurrency,
      });
      worker.on('failed', (job, err) =>
        this.logger.warn(`${processor.queue} job ${job?.id} failed: ${err.message}`),
      );
      worker.on('error', (err) => this.logger.error(`${processor.queue} worker: ${err.message}`));
      this.workers.push({ worker, connection });
    }
    this.logger.log(`consuming ${this.processors.map((p) => p.queue).join(', ') || 'no queues'}`);
  }

  /** Worker.close() lets active jobs finish before it returns: that is the graceful part. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all(
      this.workers.map(async ({ worker, connection }) => {
        await worker.close();
        connection.disconnect();
      }),
    );
  }
}
