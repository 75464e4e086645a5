// Writes clearing-service/openapi.json from the code; a test fails when the checked-in file differs.
// Preview mode reads the controllers without instantiating providers, so no database is needed.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiModule } from '../api.module';
import { loadConfig } from '../config/load-config';
import { formatSpec } from './format-spec';
import { buildOpenApiDocument } from './openapi-document';

async function main(): Promise<void> {
  const placeholder = loadConfig({
    DATABASE_URL: 'mysql://unused@127.0.0.1:1/unused',
    REDIS_URL: 'redis://127.0.0.1:1',
    TANLIAN_SECRETS_KEY: randomBytes(32).toString('base64'),
  });
  const app = await NestFactory.create(ApiModule.forRoot(placeholder), new FastifyAdapter(), {
    preview: true,
    logger: false,
  });
  const path = join(__dirname, '..', '..', 'openapi.json');
  writeFileSync(path, formatSpec(buildOpenApiDocument(app)));
  await app.close();
  process.stdout.write(`wrote ${path}\n`);
}

void main();
