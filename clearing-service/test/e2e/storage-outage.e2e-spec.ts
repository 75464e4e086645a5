/**
 * Issue 10: a request that meets a MySQL outage answers 503 storage_unavailable with Retry-After
 * within STORAGE_TIMEOUT_MS, whether it is a push, a status read, a resident read or an admin
 * write, and whether MySQL refuses connections or black-holes them; once MySQL is back the same
 * pushes are accepted and each event is credited exactly once. A Redis outage costs requests
 * nothing. The api and the worker run as built (dist/), each in a process of its own, through TCP
 * proxies in front of the real MariaDB and Redis: the outages are real to them, and their whole
 * logs can be read.
 */
import request from 'supertest';
import { BindingsService } from '../../src/residents/services/bindings.service';
import { ResidentLoginService } from '../../src/residents/services/resident-login.service';
import { ApiKeysService } from '../../src/tenancy/services/api-keys.service';
import { StaffUsersService } from '../../src/tenancy/services/staff-users.service';
import { BuiltProcess, freePort } from '../support/built-process';
import { EarnEnv, metroRide } from '../support/earn-env';
import { TcpProxy } from '../support/tcp-proxy';
import { bearer } from '../support/test-app';
import { TEST_REDIS_URL } from '../support/test-config';

jest.setTimeout(180_000);

// The api runs with STORAGE_TIMEOUT_MS's default; the margin covers a loaded 2-core machine.
const BOUND_MS = 2000;
const MARGIN_MS = 1000;
const USERS = 10;

let env: EarnEnv;
let mysql: TcpProxy;
let redis: TcpProxy;
let api: BuiltProcess;
let worker: BuiltProcess;
let baseUrl: string;
let tokens: { admin: string; operator: string; resident: string };

/** The same URL with its host and port replaced by a proxy's. */
function through(proxyPort: number, url: string): string {
  const proxied = new URL(url);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(proxyPort);
  return proxied.toString().replace(/\/$/, '');
}

beforeAll(async () => {
  env = await EarnEnv.start('storage_outage');
  for (let r = 0; r < USERS; r++)
    await env.bindResident(`wx-out-${r}`, env.operators.metro, `out-${r}`);
  const app = env.api.app;
  const keys = app.get(ApiKeysService);
  const admin = await app.get(StaffUsersService).createAdmin('outage admin');
  tokens = {
    admin: (await keys.issueForStaff(admin, 'tests')).token,
    operator: (
      await keys.issueForParticipant(env.program.id, env.operators.metro.participant.id, 'tests')
    ).token,
    resident: (await app.get(ResidentLoginService).login(env.program, 'dev:outage-resident')).token,
  };

  const config = env.api.db.config;
  const mysqlServer = new URL(config.database.url);
  const redisServer = new URL(TEST_REDIS_URL);
  mysql = new TcpProxy(mysqlServer.hostname, Number(mysqlServer.port || 3306));
  redis = new TcpProxy(redisServer.hostname, Number(redisServer.port || 6379));
  const proxied = {
    ...env.api.db.env,
    DATABASE_URL: through(await mysql.start(), config.database.url),
    REDIS_URL: through(await redis.start(), config.redis.url),
    LOG_LEVEL: 'info',
  };
  const port = await freePort();
  api = BuiltProcess.start('main.api.js', { ...proxied, HTTP_PORT: String(port) });
  worker = BuiltProcess.start('main.worker.js', proxied);
  await api.waitFor(/tanlian api listening/);
  await worker.waitFor(/tanlian worker running/);
  baseUrl = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  // Both stores back first (a failed test may have left one away), so both processes can stop.
  for (const proxy of [mysql, redis].filter(Boolean)) {
    proxy.heal();
    if (!proxy.listening) await proxy.start(proxy.port);
  }
  await api?.stop();
  await worker?.stop();
  await mysql?.stop();
  await redis?.stop();
  await env?.stop();
});

// Every call takes the next 30-minute slot, so no two rides of a resident overlap.
let slot = 0;
function busRides(prefix: string) {
  const minutesAgo = 60 + 30 * slot++;
  return Array.from({ length: USERS }, (_, i) =>
    metroRide(`${prefix}-${i}`, `out-${i}`, { behaviour: 'bus', distanceM: 5000, minutesAgo }),
  );
}

type Answer = { status: number; headers: Record<string, string>; body: Record<string, unknown> };

async function timed(req: PromiseLike<Answer>): Promise<Answer & { ms: number }> {
  const started = Date.now();
  const res = await req;
  return { status: res.status, headers: res.headers, body: res.body, ms: Date.now() - started };
}

/**
 * All at once: each ride pushed on its own, a batch, a status read, a resident read and an admin
 * write. Results in that order: `rides.length` pushes, then the other four.
 */
function everyKind(
  rides: ReturnType<typeof busRides>,
  batch: ReturnType<typeof busRides>,
  readEventId: string,
  shop: string,
) {
  const metro = env.operators.metro;
  const http = () => request(baseUrl);
  return Promise.all([
    ...rides.map((ride) => timed(env.push(metro, ride, { baseUrl }))),
    timed(env.push(metro, { events: batch }, { baseUrl })),
    timed(
      http()
        .get(`/v1/programs/shenzhen/operators/metro/events/${readEventId}`)
        .set(bearer(tokens.operator)),
    ),
    timed(http().get('/v1/programs/shenzhen/residents/me').set(bearer(tokens.resident))),
    timed(
      http()
        .post('/v1/programs/shenzhen/participants')
        .set(bearer(tokens.admin))
        .send({ code: shop, name: shop, roles: ['merchant'] }),
    ),
  ]);
}

async function ready(): Promise<void> {
  for (let i = 0; i < 40; i++) {
    if ((await request(baseUrl).get('/health/ready')).status === 200) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the api did not become ready again');
}

/** Each event of `ids` is credited, with exactly one reduction. */
async function creditedOnce(ids: string[]): Promise<void> {
  await env.processed(60_000);
  const rows: { event_id: string; status: string; reductions: number }[] = await env.db.query(
    `SELECT e.event_id, e.status, COUNT(r.id) AS reductions
       FROM inbox_events e LEFT JOIN reductions r ON r.inbox_event_id = e.id
      WHERE e.event_id IN (?) GROUP BY e.id ORDER BY e.event_id`,
    [ids],
  );
  expect(rows.map((r) => [r.event_id, r.status, Number(r.reductions)])).toEqual(
    [...ids].sort().map((id) => [id, 'credited', 1]),
  );
  expect(await env.ledgerCheck()).toMatchObject({ ok: true });
}

// The two ways a store goes away: refusing connections (stopped), or accepting them and never
// answering (gone behind a network that still accepts: where requests used to hang).
const outages = [
  {
    name: 'refused',
    how: 'refuses connections',
    cut: (proxy: TcpProxy) => proxy.stop(),
    restore: (proxy: TcpProxy) => proxy.start(proxy.port),
  },
  {
    name: 'blackhole',
    how: 'accepts connections, never answers',
    cut: (proxy: TcpProxy) => proxy.blackhole(),
    restore: (proxy: TcpProxy) => proxy.heal(),
  },
];

/** Rides pushed one by one, and a batch: fresh ids, so that none is a redelivery. */
function freshRides(prefix: string) {
  return { singles: busRides(`${prefix}-single`), batch: busRides(`${prefix}-batch`) };
}

it.each(outages)(
  'answers every kind of request 503 storage_unavailable in time while MySQL $how, and loses nothing',
  async ({ name, cut, restore }) => {
    const before = busRides(`mysql-${name}-before`);
    const { singles, batch } = freshRides(`mysql-${name}`);
    for (const ride of before)
      expect((await env.push(env.operators.metro, ride, { baseUrl })).status).toBe(202);

    await cut(mysql);
    const down = await everyKind(singles, batch, before[0].id, `shop-mysql-${name}`);
    for (const res of down) {
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.body).toEqual({
        statusCode: 503,
        error: 'Service Unavailable',
        code: 'storage_unavailable',
        message: expect.stringContaining('MySQL'),
      });
      expect(res.ms).toBeLessThan(BOUND_MS + MARGIN_MS);
    }

    await restore(mysql);
    await ready();
    const up = await everyKind([...singles, ...before], batch, before[0].id, `shop-mysql-${name}`);
    const pushes = up.slice(0, -4).map((r) => r.status);
    const [batchRes, status, resident, admin] = up.slice(-4);
    expect(pushes).toEqual(pushes.map(() => 202));
    expect([batchRes.status, batchRes.body.accepted]).toEqual([200, USERS]);
    expect([status.status, resident.status, admin.status]).toEqual([200, 200, 201]);
    await creditedOnce([...before, ...singles, ...batch].map((r) => r.id));
    expect(worker.running).toBe(true);
  },
);

it.each(outages)(
  'accepts pushes as usual while Redis $how, and the worker credits each once',
  async ({ name, cut, restore }) => {
    const { singles, batch } = freshRides(`redis-${name}`);
    // A binding wakes the crediting of waiting events through Redis: the redeem must not wait.
    const binding = await env.api.app
      .get(BindingsService)
      .issueToken(env.operators.metro.participant, `late-${name}`);
    await cut(redis);
    try {
      // Stored first, so that the status read below finds it.
      expect((await env.push(env.operators.metro, singles[0], { baseUrl })).status).toBe(202);
      const answers = await Promise.all([
        everyKind(singles, batch, singles[0].id, `shop-redis-${name}`),
        timed(
          request(baseUrl)
            .post('/v1/programs/shenzhen/residents/me/bindings')
            .set(bearer(tokens.resident))
            .send({ token: binding.token }),
        ),
      ]).then(([kinds, redeem]) => [...kinds, redeem]);
      expect(answers.map((r) => r.status)).toEqual([
        ...singles.map(() => 202),
        200,
        200,
        200,
        201,
        201,
      ]);
      for (const res of answers) expect(res.ms).toBeLessThan(BOUND_MS);
    } finally {
      await restore(redis);
    }
    await creditedOnce([...singles, ...batch].map((r) => r.id));
    expect(worker.running).toBe(true);
  },
);

it('logs each outage as it starts and ends, never a 500 or an error', () => {
  const lines = api.log.split('\n').filter((l) => l.trim() !== '');
  const entries = lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
  expect(lines.filter((l) => !l.startsWith('{'))).toEqual([
    expect.stringMatching(/^tanlian api listening/),
  ]);
  expect(entries.filter((e) => e.level >= 50)).toEqual([]);
  expect(entries.filter((e) => e.res?.statusCode === 500)).toEqual([]);
  // Not even a warning carries a stack: the outage is said once, the 503s are one line each.
  expect(entries.filter((e) => e.err !== undefined)).toEqual([]);
  const said = (pattern: RegExp) => entries.filter((e) => pattern.test(String(e.msg))).length;
  expect(said(/^MySQL unavailable/)).toBe(2);
  expect(said(/^MySQL answers again/)).toBe(2);
  expect(said(/^Redis unavailable/)).toBe(1);
  expect(said(/^Redis answers again/)).toBeGreaterThanOrEqual(1);
});
