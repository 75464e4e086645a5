// A bare Fastify floor in its own process and the client side of a measurement against it: the
// api's requests and the floor's alternate, one each in turn, so whatever else the machine does
// falls on both alike.
import { writeFileSync } from 'node:fs';
import { Agent, get as httpGet } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startScript, waitForReady, type Child } from '../shared/processes';
import { freePort } from './context';
import { timing, type Timing } from './timing';

export function getBytes(agent: Agent, url: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    httpGet(url, { agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        if (res.statusCode !== 200) reject(new Error(`${url}: HTTP ${res.statusCode} ${body}`));
        else resolve(body);
      });
    }).on('error', reject);
  });
}

/**
 * The api's and the floor's requests alternating, one each in turn, so whatever else the machine
 * does meanwhile falls on both alike: their timings, after `warmup` unmeasured pairs.
 */
export async function timeInterleaved(
  api: () => Promise<unknown>,
  floor: () => Promise<unknown>,
  warmup: number,
  requests: number,
): Promise<{ api: Timing; floor: Timing }> {
  for (let i = 0; i < warmup; i++) {
    await api();
    await floor();
  }
  const a: number[] = [];
  const f: number[] = [];
  for (let i = 0; i < requests; i++) {
    let t0 = performance.now();
    await api();
    a.push(performance.now() - t0);
    t0 = performance.now();
    await floor();
    f.push(performance.now() - t0);
  }
  return { api: timing(a), floor: timing(f) };
}

/** The bare Fastify floor as its own process, like the api, serving `bytes` with `headers`. */
export async function startFloor(
  bytes: Buffer,
  headers: { contentType?: string; cacheControl?: string } = {},
): Promise<{ child: Child; base: string }> {
  const file = join(tmpdir(), `bench-audit-floor-${process.pid}-${Date.now()}.bin`);
  writeFileSync(file, bytes);
  const port = await freePort();
  const child = startScript('bare fastify', join(__dirname, 'bare-tile-server.js'), {
    TILE_FILE: file,
    PORT: String(port),
    ...(headers.contentType ? { CONTENT_TYPE: headers.contentType } : {}),
    ...(headers.cacheControl ? { CACHE_CONTROL: headers.cacheControl } : {}),
  });
  const base = `http://127.0.0.1:${port}`;
  await waitForReady(base, [child]);
  return { child, base };
}
