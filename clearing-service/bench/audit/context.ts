// The service's own audit code in this process: a Nest application context of the audit modules
// (writer, integrator, reader) over a bench database, without HTTP, queues or the other workers.
import 'reflect-metadata';
import { DynamicModule, INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import net from 'node:net';
import { AuditApiModule, AuditWorkerModule } from '../../src/audit/audit.module';
import { AuditWritingModule } from '../../src/audit/audit-writing.module';
import type { AppConfig } from '../../src/config/app-config';
import { ConfigModule } from '../../src/config/config.module';
import { loadConfig } from '../../src/config/load-config';
import { DatabaseModule } from '../../src/database/database.module';
import { MetricsModule } from '../../src/metrics/metrics.module';
import { SecretsModule } from '../../src/secrets/secrets.module';
import type { Program } from '../../src/tenancy/entities/program.entity';
import { ProgramsStore } from '../../src/tenancy/services/programs-store';
import { TenancyModule } from '../../src/tenancy/tenancy.module';
import { MYSQL_SERVER, REDIS_URL } from '../ingest/setup';

@Module({})
class AuditBenchModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AuditBenchModule,
      imports: [
        ConfigModule.forRoot(config),
        SecretsModule,
        DatabaseModule.forRoot(),
        // Global in the api too: AuditApiModule's gauges need it.
        MetricsModule,
        TenancyModule,
        AuditWritingModule,
        AuditWorkerModule,
        AuditApiModule,
      ],
    };
  }
}

/**
 * The environment of the bench's context and of the api child. The integrator's own timer is set
 * never to fire: the bench calls `integrateAll()` (what the timer calls) itself, so the time it
 * measures has no timer wait in it.
 */
export function benchEnv(database: string, secretsKey: string, port = 0): Record<string, string> {
  return {
    DATABASE_URL: `${MYSQL_SERVER}/${database}`,
    REDIS_URL,
    QUEUE_PREFIX: `{tl-bench-audit}`,
    TANLIAN_SECRETS_KEY: secretsKey,
    LOG_LEVEL: 'warn',
    HTTP_HOST: '127.0.0.1',
    HTTP_PORT: String(port),
    AUDIT_INTEGRATE_INTERVAL_MS: String(2 ** 31 - 1),
  };
}

export function configOf(env: Record<string, string>): AppConfig {
  return loadConfig(env);
}

export async function openContext(config: AppConfig): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(AuditBenchModule.forRoot(config), {
    logger: ['error'],
  });
}

export async function createProgram(ctx: INestApplicationContext, code: string): Promise<Program> {
  return ctx.get(ProgramsStore).create({
    code,
    name: `${code} (bench)`,
    gramsPerPoint: 10,
    fenPerPoint: 1,
    auditHash: 'sha256',
    settlementCycle: 'daily',
  });
}

export async function findProgram(ctx: INestApplicationContext, code: string): Promise<Program> {
  const program = await ctx.get(ProgramsStore).findByCode(code);
  if (!program) throw new Error(`program ${code} is missing`);
  return program;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
