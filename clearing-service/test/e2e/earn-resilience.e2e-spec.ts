/**
 * Exactly once under failure and in parallel: a duplicate storm, a worker killed with SIGKILL
 * mid-run, two worker processes sharing one backlog, and Redis wiped mid-run. MySQL is the source of truth; the queue only carries wake-ups.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import IORedis from 'ioredis';
import { sameChinaDaySlots } from '../support/china-day';
import { EarnEnv } from '../support/earn-env';
import { TEST_REDIS_URL } from '../support/test-config';

jest.setTimeout(180_000);

// 5000 m by e-bus: 5000 m × 26900 mg / 1000 m = 134500 mg each (SZ-EBUS has no daily cap).
const BUS_MG = 134_500;
// Redis database of this file only, so wiping it cannot disturb other test files.
const REDIS_DB = 7;

let env: EarnEnv;
let run = 0;

beforeAll(async () => {
  env = await EarnEnv.start('earn_resilience', { REDIS_URL: `${TEST_REDIS_URL}/${REDIS_DB}` });
  for (let r = 0; r < 100; r++)
    await env.bindResident(`wx-storm-${r}`, env.operators.metro, `storm-${r}`);
});
afterAll(() => env.stop());

// Every ride of this file gets its own 30-minute slot per resident, so no two rides of a resident
// overlap (an overlap would be credited once, by design) across the tests either.
let usedSlots = 0;

/** `count` bus rides spread over 100 residents, each resident's rides 30 minutes apart. */
function busRides(prefix: string, count: number) {
  const firstSlot = usedSlots;
  usedSlots += Math.ceil(count / 100);
  return Array.from({ length: count }, (_, i) => {
    const start = Date.now() - (60 + (firstSlot + Math.floor(i / 100)) * 30) * 60_000;
    return {
      id: `${prefix}-${i}`,
      user: `storm-${i % 100}`,
      behaviour: 'bus',
      startedAt: new Date(start).toISOString(),
      endedAt: new Date(start + 20 * 60_000).toISOString(),
      activity: { distanceM: 5000 },
    };
  });
}

async function pool<T>(
  items: T[],
  width: number,
  fn: (item: T) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

async function totals(
  prefix: string,
): Promise<{ reductions: number; mg: number; credited: number }> {
  const [r] = await env.db.query(
    `SELECT COUNT(*) AS n, COALESCE(SUM(r.reduction_mg), 0) AS mg FROM reductions r JOIN inbox_events e ON e.id = r.inbox_event_id WHERE e.event_id LIKE ?`,
    [`${prefix}-%`],
  );
  const [c] = await env.db.query(
    "SELECT COUNT(*) AS n FROM inbox_events WHERE status = 'credited' AND event_id LIKE ?",
    [`${prefix}-%`],
  );
  return { reductions: Number(r.n), mg: Number(r.mg), credited: Number(c.n) };
}

function startWorkerProcess(): ChildProcess {
  const main = join(__dirname, '..', '..', 'dist', 'main.worker.js');
  if (!existsSync(main))
    throw new Error('clearing-service/dist is missing: run `npm run build` first (npm test does)');
  return spawn(process.execPath, [main], {
    env: { ...process.env, ...env.api.db.env },
    stdio: 'ignore',
  });
}

it('credits 1000 events each delivered 5 times concurrently exactly once', async () => {
  await env.startWorker();
  const prefix = `storm${run++}`;
  const rides = busRides(prefix, 1000);
  const deliveries = rides.flatMap((r) => Array.from({ length: 5 }, () => r));
  const statuses: number[] = [];
  await pool(
    deliveries.sort(() => Math.random() - 0.5),
    40,
    async (ride) => {
      statuses.push((await env.push(env.operators.metro, ride)).status);
    },
  );
  expect(new Set(statuses)).toEqual(new Set([202]));
  await env.processed(60_000);
  expect(await totals(prefix)).toEqual({ reductions: 1000, mg: 1000 * BUS_MG, credited: 1000 });
  expect(await env.ledgerCheck()).toMatchObject({ ok: true });
  await env.worker?.close();
  env.worker = null;
});

it('loses and doubles nothing when the worker is killed with SIGKILL mid-run and restarted', async () => {
  const prefix = `kill${run++}`;
  const rides = busRides(prefix, 3000);
  for (let i = 0; i < rides.length; i += 1000) {
    const res = await env.push(env.operators.metro, { events: rides.slice(i, i + 1000) });
    expect(res.body.accepted).toBe(1000);
  }
  const first = startWorkerProcess();
  // Kill it once it has credited something but not everything.
  for (let i = 0; i < 600; i++) {
    const { credited } = await totals(prefix);
    if (credited > 0) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  first.kill('SIGKILL');
  await new Promise((r) => first.once('exit', r));
  const midway = await totals(prefix);
  expect(midway.credited).toBeGreaterThan(0);

  const second = startWorkerProcess();
  try {
    await env.processed(90_000);
  } finally {
    second.kill('SIGTERM');
    await new Promise((r) => second.once('exit', r));
  }
  expect(await totals(prefix)).toEqual({ reductions: 3000, mg: 3000 * BUS_MG, credited: 3000 });
  expect(await env.ledgerCheck()).toMatchObject({ ok: true });
});

// Before the Redis test, which leaves an in-process worker running.
it('credits one backlog exactly once, caps exact, with two worker processes at work (one per core, as deployed)', async () => {
  const users = Array.from({ length: 50 }, (_, r) => `duo-${r}`);
  for (const [r, user] of users.entries())
    await env.bindResident(`wx-duo-${r}`, env.operators.metro, user);
  // 10 metro rides in one China day for each of 50 residents (perDayEvents 5), and 2000 bus rides.
  const slots = sameChinaDaySlots(10, 6);
  const metro = users.flatMap((user, r) =>
    slots.map((start, i) => ({
      id: `duo-m-${r}-${i}`,
      user,
      behaviour: 'metro',
      startedAt: start.toISOString(),
      endedAt: new Date(start.getTime() + 5 * 60_000).toISOString(),
      activity: { distanceM: 3000 },
    })),
  );
  const prefix = `duo${run++}`;
  const events = [...busRides(prefix, 2000), ...metro].sort((a, b) => (a.id < b.id ? -1 : 1));
  const workers = [startWorkerProcess(), startWorkerProcess()];
  try {
    // Pushed over a few seconds, so that wake-ups reach both processes while both have work.
    for (let i = 0; i < events.length; i += 250) {
      const res = await env.push(env.operators.metro, { events: events.slice(i, i + 250) });
      expect(res.body.accepted).toBe(Math.min(250, events.length - i));
      await new Promise((r) => setTimeout(r, 150));
    }
    await env.processed(90_000);
  } finally {
    for (const w of workers) w.kill('SIGTERM');
    await Promise.all(workers.map((w) => new Promise((r) => w.once('exit', r))));
  }
  expect(await totals(prefix)).toEqual({ reductions: 2000, mg: 2000 * BUS_MG, credited: 2000 });
  const perResident: { user: string; credited: string; capped: string }[] = await env.db.query(
    `SELECT external_user AS user, SUM(status = 'credited') AS credited, SUM(status = 'capped') AS capped
       FROM inbox_events WHERE event_id LIKE 'duo-m-%' GROUP BY external_user`,
  );
  expect(perResident).toHaveLength(50);
  for (const r of perResident)
    expect([r.user, Number(r.credited), Number(r.capped)]).toEqual([r.user, 5, 5]);
  expect(await env.ledgerCheck()).toMatchObject({ ok: true });
});

it('credits every accepted event exactly once when Redis is wiped mid-run', async () => {
  const redis = new IORedis(`${TEST_REDIS_URL}/${REDIS_DB}`);
  try {
    await env.startWorker();
    const prefix = `flush${run++}`;
    const rides = busRides(prefix, 2000);
    const pushes = [0, 500, 1000, 1500].map((i) =>
      env.push(env.operators.metro, { events: rides.slice(i, i + 500) }),
    );
    await redis.flushdb();
    const results = await Promise.all(pushes);
    expect(results.map((r) => r.body.accepted)).toEqual([500, 500, 500, 500]);
    await redis.flushdb();
    await env.processed(60_000);
    expect(await totals(prefix)).toEqual({ reductions: 2000, mg: 2000 * BUS_MG, credited: 2000 });
    expect(await env.ledgerCheck()).toMatchObject({ ok: true });
  } finally {
    redis.disconnect();
  }
});
