import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createApiApp } from '../../src/bootstrap';
import { loadConfig } from '../../src/config/load-config';
import { createTestDatabase, TestDatabase } from '../support/test-config';

// Browser apps on other origins: only those in CORS_ORIGINS, none by default.
const H5 = 'http://127.0.0.1:3501';
const CONSOLE = 'https://console.example.cn';
let db: TestDatabase;
let listed: NestFastifyApplication;
let closed: NestFastifyApplication;

beforeAll(async () => {
  db = await createTestDatabase('miniapp_cors');
  listed = await createApiApp(loadConfig({ ...db.env, CORS_ORIGINS: `${H5}, ${CONSOLE}` }));
  closed = await createApiApp(loadConfig(db.env));
});

afterAll(async () => {
  await listed?.close();
  await closed?.close();
  await db?.drop();
});

const preflight = (app: NestFastifyApplication, origin: string) =>
  request(app.getHttpServer())
    .options('/v1/programs/shenzhen/residents/me/purchases')
    .set('origin', origin)
    .set('access-control-request-method', 'POST')
    .set('access-control-request-headers', 'authorization, content-type, idempotency-key');

describe('CORS', () => {
  it('answers a listed origin’s preflight with what the apps send', async () => {
    for (const origin of [H5, CONSOLE]) {
      const res = await preflight(listed, origin);
      expect(res.status).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe(origin);
      expect(res.headers['access-control-allow-methods']).toBe('GET, POST, PATCH, DELETE');
      expect(res.headers['access-control-allow-headers']).toBe(
        'authorization, content-type, idempotency-key',
      );
      expect(res.headers.vary).toMatch(/origin/i);
    }
  });

  it('refuses another origin’s preflight with 403 naming the origin, and no CORS header', async () => {
    const res = await preflight(listed, 'https://evil.example');
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'cors_origin_not_allowed', field: 'origin' });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('marks a listed origin’s answers readable, and leaves another’s unmarked', async () => {
    const ok = await request(listed.getHttpServer()).get('/health/live').set('origin', H5);
    expect(ok.status).toBe(200);
    expect(ok.headers['access-control-allow-origin']).toBe(H5);
    expect(ok.headers['access-control-expose-headers']).toMatch(/x-request-id/);
    const other = await request(listed.getHttpServer())
      .get('/health/live')
      .set('origin', 'https://evil.example');
    expect(other.status).toBe(200);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    // no Origin (a server, the WeChat runtime): nothing changes
    const plain = await request(listed.getHttpServer()).get('/health/live');
    expect(plain.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('is closed by default: no origin is allowed', async () => {
    const res = await preflight(closed, H5);
    expect(res.status).toBe(403);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses a wildcard or an origin with a path in CORS_ORIGINS, naming the variable', () => {
    for (const bad of ['*', 'https://h5.example.cn/app', 'h5.example.cn']) {
      expect(() => loadConfig({ ...db.env, CORS_ORIGINS: bad })).toThrow(/CORS_ORIGINS/);
    }
  });
});
