import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createApiApp } from '../../src/bootstrap';
import { createTestDatabase, TestDatabase } from './test-config';

export interface TestApi {
  app: NestFastifyApplication;
  db: TestDatabase;
  http: () => ReturnType<typeof request>;
  close(): Promise<void>;
}

/** The api as production builds it, on a fresh database of its own. */
export async function startTestApi(
  name: string,
  env: Record<string, string> = {},
): Promise<TestApi> {
  const db = await createTestDatabase(name, env);
  const app = await createApiApp(db.config);
  return {
    app,
    db,
    http: () => request(app.getHttpServer()),
    async close() {
      await app.close();
      await db.drop();
    },
  };
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}
