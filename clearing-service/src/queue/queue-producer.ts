import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import type IORedis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { OutageLog } from '../database/outage-log';
import { QueueName } from './queue-name';
import { createRedis } from './redis-connection';

/** Adds jobs to the named queues over one shared Redis connection. */
@Injectable()
export class QueueProducer implements OnApplicationShutdown {
  private readonly connection: IORedis;
  private readonly queues = new Map<QueueName, Queue>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.connection = createRedis(config.redis.url, 'producer');
    // Said once per outage, not per reconnect attempt (nor as a stack): jobs are wake-ups, MySQL
    // holds the work, and callers already carry on without them.
    const outage = new OutageLog('Redis', 'wake-ups are not queued (the sweepers find the work)');
    this.connection.on('error', (err: Error) => outage.failed(err));
    this.connection.on('ready', () => outage.answered());
  }

  add<T>(queue: QueueName, name: string, data: T, options?: JobsOptions): Promise<unknown> {
    return this.queue(queue).add(name, data, options);
  }

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, {
        connection: this.connection,
        prefix: this.config.redis.queuePrefix,
      });
      // The connection's own listener reports it; unheard, BullMQ would print each with a stack.
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    return queue;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.connection.disconnect();
  }
}
