// The service's own redemption and clearing code in this process: a Nest application context of
// the modules the worker runs (holds, the hold sweeper, the cycle steps and check) over a bench
// database, without HTTP, queues or the crediting workers.
import 'reflect-metadata';
import { DynamicModule, INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AuditWritingModule } from '../../src/audit/audit-writing.module';
import { ClearingCheckModule } from '../../src/clearing/clearing.module';
import type { AppConfig } from '../../src/config/app-config';
import { ConfigModule } from '../../src/config/config.module';
import { loadConfig } from '../../src/config/load-config';
import { DatabaseModule } from '../../src/database/database.module';
import { LedgerModule } from '../../src/ledger/ledger.module';
import { MetricsModule } from '../../src/metrics/metrics.module';
import { RedemptionWorkerModule } from '../../src/redemption/redemption.module';
import { ResidentsModule } from '../../src/residents/residents.module';
import { SecretsModule } from '../../src/secrets/secrets.module';
import { QueueModule } from '../../src/queue/queue.module';
import { TenancyModule } from '../../src/tenancy/tenancy.module';
import { MYSQL_SERVER, REDIS_URL } from '../ingest/setup';

@Module({})
class ClearingBenchModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ClearingBenchModule,
      imports: [
        ConfigModule.forRoot(config),
        SecretsModule,
        DatabaseModule.forRoot(),
        MetricsModule,
        // The merchants' webhook outbox wakes its deliverer through the queue.
        QueueModule.forProducer(),
        TenancyModule,
        LedgerModule,
        AuditWritingModule,
        RedemptionWorkerModule,
        ClearingCheckModule,
        ResidentsModule,
      ],
    };
  }
}

/** The environment of the bench's context and of its api and worker children. */
export function benchEnv(
  database: string,
  secretsKey: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    DATABASE_URL: `${MYSQL_SERVER}/${database}`,
    REDIS_URL,
    QUEUE_PREFIX: `{${database}}`,
    TANLIAN_SECRETS_KEY: secretsKey,
    LOG_LEVEL: 'warn',
    HTTP_HOST: '127.0.0.1',
    // No integrator during the bench: sealing leaves is bench:audit's figure, not this one's.
    AUDIT_INTEGRATE_INTERVAL_MS: String(2 ** 31 - 1),
    ...extra,
  };
}

export const configOf = (env: Record<string, string>): AppConfig => loadConfig(env);

export function openContext(config: AppConfig): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(ClearingBenchModule.forRoot(config), {
    logger: ['error'],
  });
}
