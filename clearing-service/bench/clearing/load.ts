// The load generator of phase (2): hold + capture pairs over keep-alive HTTP, each pair being
// the resident's code (the phone's POST), the till's hold with it, then its capture. Closed loop
// (sustained rate at a concurrency) or open loop (pairs started on a schedule).
import http from 'node:http';

export interface Target {
  base: string;
  program: string;
  residents: string[];
  merchants: { code: string; token: string }[];
}

export interface LoadResult {
  pairs: number;
  /** Holds + captures answered as they should be (201, 200). */
  operations: number;
  requests: number;
  errors: number;
  seconds: number;
  /** Latency of each hold and capture, ms (the code's request not included). */
  latencies: number[];
  statuses: Record<string, number>;
}

let keys = 0;

export function client(concurrency: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency * 2 });
  return (url: string, token: string, body: object, key?: string) =>
    new Promise<{ status: number; body: string; ms: number }>((resolve) => {
      const t0 = performance.now();
      const data = JSON.stringify(body);
      const req = http.request(
        url,
        {
          method: 'POST',
          agent,
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(data),
            ...(key ? { 'idempotency-key': key } : {}),
          },
        },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: text, ms: performance.now() - t0 }),
          );
        },
      );
      req.on('error', () => resolve({ status: 0, body: '', ms: performance.now() - t0 }));
      req.end(data);
    });
}

function pairRunner(t: Target, concurrency: number, result: LoadResult) {
  const post = client(concurrency);
  let k = 0;
  const count = (status: number) => {
    result.requests++;
    result.statuses[status] = (result.statuses[status] ?? 0) + 1;
  };
  return async () => {
    const i = k++;
    const resident = t.residents[i % t.residents.length];
    const merchant = t.merchants[i % t.merchants.length];
    const p = `${t.base}/v1/programs/${t.program}`;
    const code = await post(`${p}/residents/me/redemption-codes`, resident, {
      merchant: merchant.code,
    });
    count(code.status);
    if (code.status !== 201) return void result.errors++;
    const hold = await post(
      `${p}/participants/${merchant.code}/redemptions`,
      merchant.token,
      { code: JSON.parse(code.body).code, points: 1 + (i % 5) },
      `h-${process.pid}-${++keys}`,
    );
    count(hold.status);
    if (hold.status !== 201) return void result.errors++;
    result.operations++;
    result.latencies.push(hold.ms);
    const capture = await post(
      `${p}/participants/${merchant.code}/redemptions/${JSON.parse(hold.body).id}/capture`,
      merchant.token,
      {},
      `c-${process.pid}-${++keys}`,
    );
    count(capture.status);
    if (capture.status !== 200) return void result.errors++;
    result.operations++;
    result.latencies.push(capture.ms);
    result.pairs++;
  };
}

const empty = (): LoadResult => ({
  pairs: 0,
  operations: 0,
  requests: 0,
  errors: 0,
  seconds: 0,
  latencies: [],
  statuses: {},
});

/** As many pairs as `concurrency` loops can drive for `seconds`. */
export async function closedLoop(
  t: Target,
  concurrency: number,
  seconds: number,
): Promise<LoadResult> {
  const result = empty();
  const run = pairRunner(t, concurrency, result);
  const end = Date.now() + seconds * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < end) await run();
    }),
  );
  result.seconds = (performance.now() - t0) / 1000;
  return result;
}

/** Pairs started at `pairsPerS` (two operations each) for `seconds`, whatever the answers take. */
export async function openLoop(t: Target, pairsPerS: number, seconds: number): Promise<LoadResult> {
  const result = empty();
  const run = pairRunner(t, 64, result);
  const t0 = performance.now();
  const inFlight: Promise<void>[] = [];
  const total = Math.round(pairsPerS * seconds);
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / pairsPerS;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(run());
  }
  await Promise.all(inFlight);
  result.seconds = (performance.now() - t0) / 1000;
  return result;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
