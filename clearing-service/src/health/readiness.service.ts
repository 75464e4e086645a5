import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { createRedis } from '../queue/redis-connection';

export type CheckResult = { status: 'up' } | { status: 'down'; reason: string };
export interface Readiness {
  ready: boolean;
  checks: { mysql: CheckResult; redis: CheckResult };
}

// Each dependency gets this long; both run at once, so /health/ready answers within about a second.
const CHECK_TIMEOUT_MS = 1000;

@Injectable()
export class ReadinessService implements OnApplicationShutdown {
  private readonly redis: IORedis;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.redis = createRedis(config.redis.url, 'health');
    this.redis.on('error', () => undefined); // reported through check(), not as an unhandled event
  }

  async check(): Promise<Readiness> {
    const [mysql, redis] = await Promise.all([
      probe(() => this.dataSource.query('SELECT 1')),
      probe(async () => {
        if (this.redis.status === 'wait' || this.redis.status === 'end') await this.redis.connect();
        await this.redis.ping();
      }),
    ]);
    return { ready: mysql.status === 'up' && redis.status === 'up', checks: { mysql, redis } };
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}

async function probe(fn: () => Promise<unknown>): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)),
      CHECK_TIMEOUT_MS,
    );
  });
  try {
    await Promise.race([fn(), timeout]);
    return { status: 'up' };
  } catch (err) {
    return { status: 'down', reason: err instanceof Error ? err.message : String(err) };
  } finally {
    clearTimeout(timer);
  }
}
