import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveApp } from '../../src/demo/app-server';

describe('the demo app server', () => {
  let api: http.Server;
  let app: http.Server;
  let base: string;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'app-'));
    writeFileSync(join(dir, 'index.html'), '<div id="app"></div>');
    mkdirSync(join(dir, 'js'));
    writeFileSync(join(dir, 'js', 'app.js'), 'console.log(1)');
    api = http.createServer((req, res) => {
      res.writeHead(201, { 'content-type': 'application/json', 'x-from': 'api' });
      req.on('data', () => {});
      req.on('end', () =>
        res.end(
          JSON.stringify({ method: req.method, url: req.url, auth: req.headers.authorization }),
        ),
      );
    });
    await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
    const apiPort = (api.address() as AddressInfo).port;
    app = await serveApp({
      dir,
      host: '127.0.0.1',
      port: 0,
      api: `http://127.0.0.1:${apiPort}`,
      appConfig: { program: 'demo' },
    });
    base = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => app.close(r));
    await new Promise((r) => api.close(r));
  });

  it('serves the files of the app, and index.html for any route of its router', async () => {
    const js = await fetch(`${base}/js/app.js`);
    expect(js.headers.get('content-type')).toContain('text/javascript');
    expect(await js.text()).toBe('console.log(1)');
    const route = await fetch(`${base}/pages/history`);
    expect(route.headers.get('cache-control')).toBe('no-store');
    expect(await route.text()).toBe('<div id="app"></div>');
  });

  it('never serves a file outside the app directory', async () => {
    // fetch would normalise the path; a raw request sends it as a hostile client would.
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(`${base}/x`, { path: '/../../../../etc/passwd' }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(answer.body).not.toContain('root:');
  });

  it('hands API paths to the api as they are, headers and status included', async () => {
    const res = await fetch(`${base}/v1/programs/demo/offers?limit=2`, {
      method: 'POST',
      headers: { authorization: 'Bearer t' },
      body: '{}',
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-from')).toBe('api');
    expect(await res.json()).toEqual({
      method: 'POST',
      url: '/v1/programs/demo/offers?limit=2',
      auth: 'Bearer t',
    });
  });

  it('tells the app its run-time configuration', async () => {
    expect(await (await fetch(`${base}/app-config.json`)).json()).toEqual({ program: 'demo' });
  });
});
