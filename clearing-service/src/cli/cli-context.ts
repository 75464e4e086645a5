import 'reflect-metadata';
import { INestApplicationContext, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfigOrExit } from '../config/load-config';
import { DomainError } from '../http/domain-error';
import { CliModule } from './cli.module';

export class CliError extends Error {}

/** Looks up a domain service in the CLI's Nest context. */
export type ServiceLookup = <T>(type: Type<T>) => T;

/** Runs one command with the domain services, then closes the connections; errors become one line. */
export async function withServices(run: (get: ServiceLookup) => Promise<void>): Promise<void> {
  const config = loadConfigOrExit();
  let app: INestApplicationContext | undefined;
  try {
    app = await NestFactory.createApplicationContext(CliModule.forRoot(config), {
      logger: ['error'],
      // A failed start (MySQL unreachable) ends in main.ts's one line; Nest's retries and stacks
      // before it are dropped unread.
      bufferLogs: true,
      autoFlushLogs: false,
      abortOnError: false,
    });
    app.flushLogs();
    const ctx = app;
    await run((type) => ctx.get(type));
  } catch (err) {
    if (err instanceof DomainError || err instanceof CliError) {
      process.stderr.write(`error: ${err.message}\n`);
      process.exitCode = 1;
      return;
    }
    throw err;
  } finally {
    await app?.close();
  }
}

export function print(lines: Record<string, unknown>): void {
  const width = Math.max(...Object.keys(lines).map((k) => k.length));
  for (const [key, value] of Object.entries(lines))
    process.stdout.write(`${key.padEnd(width)}  ${String(value)}\n`);
}
