/**
 * Graceful shutdown of the worker: closing the application lets a job that is already running
 * finish (and its effect land) instead of abandoning it mid-way. Real Redis, real BullMQ.
 */
import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Job } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { ConfigModule } from '../../src/config/config.module';
import { loadConfig } from '../../src/config/load-config';
import type { JobProcessor } from '../../src/queue/job-processor';
import { QueueName } from '../../src/queue/queue-name';
import { QueueProducer } from '../../src/queue/queue-producer';
import { QueueModule } from '../../src/queue/queue.module';
import { TEST_REDIS_URL } from '../support/test-config';

const events: string[] = [];

@Injectable()
class SlowProcessor implements JobProcessor<{ n: number }> {
  readonly queue = QueueName.KeyUsage;
  readonly concurrency = 1;
  async process(job: Job<{ n: number }>): Promise<void> {
    events.push(`start ${job.data.n}`);
    await new Promise((r) => setTimeout(r, 700));
    events.push(`done ${job.data.n}`);
  }
}

@Module({ providers: [SlowProcessor], exports: [SlowProcessor] })
class SlowModule {}

it('finishes the job in flight before the worker closes', async () => {
  const config = loadConfig({
    DATABASE_URL: 'mysql://unused@127.0.0.1:1/unused',
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: `{tl-test-${randomBytes(4).toString('hex')}}`,
    TANLIAN_SECRETS_KEY: randomBytes(32).toString('base64'),
  });
  const moduleRef = await Test.createTestingModule({
    imports: [ConfigModule.forRoot(config), QueueModule.forWorker([SlowModule], [SlowProcessor])],
  }).compile();
  const app = await moduleRef.init();
  const producer = app.get(QueueProducer);
  await producer.add(QueueName.KeyUsage, 'slow', { n: 1 });

  for (let i = 0; i < 100 && !events.includes('start 1'); i++)
    await new Promise((r) => setTimeout(r, 50));
  expect(events).toEqual(['start 1']);

  await app.close();
  expect(events).toEqual(['start 1', 'done 1']);
});
