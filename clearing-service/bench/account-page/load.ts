// The load the bench puts on a page URL: one request at a time over one kept-alive connection, and
// `clients` clients each sending its next request as soon as its last is answered, each on its
// own kept-alive connection. The same code drives the api and the bare Fastify floor.
import { Agent, get as httpGet } from 'node:http';
import { timing, type Timing } from '../audit/timing';

export interface Concurrent {
  clients: number;
  requests: number;
  seconds: number;
  reqPerS: number;
  latency: Timing;
}

/** GET `url`; resolves with the body's length, rejects on anything but 200. */
function getLength(agent: Agent, url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    httpGet(url, { agent, headers }, (res) => {
      let length = 0;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => {
        length += c.length;
        if (res.statusCode !== 200) chunks.push(c);
      });
      res.on('end', () => {
        if (res.statusCode !== 200) {
          reject(new Error(`${url}: HTTP ${res.statusCode} ${Buffer.concat(chunks)}`));
        } else resolve(length);
      });
    }).on('error', reject);
  });
}

export async function sequential(
  url: string,
  headers: Record<string, string>,
  warmup: number,
  requests: number,
): Promise<Timing> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    for (let i = 0; i < warmup; i++) await getLength(agent, url, headers);
    const ms: number[] = [];
    for (let i = 0; i < requests; i++) {
      const t0 = performance.now();
      await getLength(agent, url, headers);
      ms.push(performance.now() - t0);
    }
    return timing(ms);
  } finally {
    agent.destroy();
  }
}

/**
 * `clients` closed-loop clients for `seconds` after a warm-up at the same load; `url` may be a
 * function of the request's number (a URL of its own per request).
 */
export async function concurrent(
  url: string | ((n: number) => string),
  headers: Record<string, string>,
  clients: number,
  seconds: number,
  warmupSeconds: number,
): Promise<Concurrent> {
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const urlOf = typeof url === 'string' ? () => url : url;
  let sent = 0;
  const run = async (forMs: number, record: number[] | null) => {
    const until = performance.now() + forMs;
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (performance.now() < until) {
          const t0 = performance.now();
          await getLength(agent, urlOf(sent++), headers);
          record?.push(performance.now() - t0);
        }
      }),
    );
  };
  try {
    await run(warmupSeconds * 1000, null);
    const ms: number[] = [];
    const t0 = performance.now();
    await run(seconds * 1000, ms);
    const elapsed = (performance.now() - t0) / 1000;
    return {
      clients,
      requests: ms.length,
      seconds: elapsed,
      reqPerS: ms.length / elapsed,
      latency: timing(ms),
    };
  } finally {
    agent.destroy();
  }
}
