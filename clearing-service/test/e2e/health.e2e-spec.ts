import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createApiApp } from '../../src/bootstrap';
import { loadConfig } from '../../src/config/load-config';
import { createTestDatabase, TEST_MYSQL_SERVER, TestDatabase } from '../support/test-config';
import { TcpProxy } from '../support/tcp-proxy';

// The api talks to MariaDB through a proxy this file controls, so "MariaDB stopped" is real to it.
let db: TestDatabase;
let proxy: TcpProxy;
let app: NestFastifyApplication;

beforeAll(async () => {
  db = await createTestDatabase('health');
  const server = new URL(TEST_MYSQL_SERVER);
  proxy = new TcpProxy(server.hostname, Number(server.port || 3306));
  const port = await proxy.start();
  const database = new URL(db.config.database.url).pathname;
  app = await createApiApp(
    loadConfig({ ...db.env, DATABASE_URL: `mysql://root@127.0.0.1:${port}${database}` }),
  );
});

afterAll(async () => {
  await app.close();
  await proxy.stop();
  await db.drop();
});

const http = () => request(app.getHttpServer());

describe('health', () => {
  it('is live without checking dependencies', async () => {
    const res = await http().get('/health/live');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('is ready when MySQL and Redis answer', async () => {
    const res = await http().get('/health/ready');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      ready: true,
      checks: { mysql: { status: 'up' }, redis: { status: 'up' } },
    });
  });

  it('answers 503 naming MySQL when MariaDB goes away, and 200 again when it is back', async () => {
    const port = proxy.port;
    await proxy.stop();
    const down = await http().get('/health/ready');
    expect(down.status).toBe(503);
    expect(down.body.ready).toBe(false);
    expect(down.body.checks.mysql.status).toBe('down');
    expect(down.body.checks.redis).toEqual({ status: 'up' });

    await proxy.start(port);
    let again = await http().get('/health/ready');
    for (let i = 0; i < 20 && again.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 250));
      again = await http().get('/health/ready');
    }
    expect(again.status).toBe(200);
  });
});

describe('operations endpoints', () => {
  it('serves Prometheus metrics including HTTP request durations by route', async () => {
    await http().get('/health/live');
    const res = await http().get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.text).toMatch(
      /tanlian_http_request_duration_seconds_count\{method="GET",route="\/health\/live",status="200"\} \d+/,
    );
    expect(res.text).toContain('tanlian_process_cpu_seconds_total');
  });

  it('serves the OpenAPI document and its UI under /docs', async () => {
    const spec = await http().get('/docs/openapi.json');
    expect(spec.status).toBe(200);
    expect(spec.body.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.body.paths)).toContain('/v1/programs');
    const ui = await http().get('/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
  });

  it('echoes a caller-supplied request id and makes one up otherwise', async () => {
    const given = await http().get('/health/live').set('x-request-id', 'trace-123');
    expect(given.headers['x-request-id']).toBe('trace-123');
    const made = await http().get('/health/live');
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers unknown routes with a 404 in the common error shape', async () => {
    const res = await http().get('/v1/nowhere');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });
});
