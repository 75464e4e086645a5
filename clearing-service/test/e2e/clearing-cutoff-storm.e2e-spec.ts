/**
 * Cut-off storm (issue 13, I7): captures over HTTP as fast as this test drives them (a pool of
 * parallel requests to the listening api), with the cycle closed through the API halfway. Every
 * capture is in exactly one cycle, the one OPEN at its commit: answered before the close was sent,
 * cycle 1; sent after the close was answered, cycle 2; and every capture of cycle 1 was written
 * before any of cycle 2 (the close waits for the captures holding the open cycle's row, and those
 * after it wait for the close). The rate is printed, not asserted. Real MariaDB, Redis, api, worker.
 */
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { CycleCheck } from '../../src/clearing/services/cycle-check';
import { retryOnDeadlock } from '../../src/database/deadlock-retry';
import { HoldsService } from '../../src/redemption/services/holds.service';
import { ApiKeysService } from '../../src/tenancy/services/api-keys.service';
import { StaffUsersService } from '../../src/tenancy/services/staff-users.service';
import { EarnEnv } from '../support/earn-env';
import { clearedCycle } from '../support/redeeming';
import { residentsWithLots } from '../support/residents-with-lots';
import { seedMerchant } from '../support/tenancy-fixtures';

jest.setTimeout(600_000);

const CAPTURES = Number(process.env.STORM_CAPTURES ?? 600);
const HOLDS_EACH = 20;
const IN_FLIGHT = 32;

let env: EarnEnv;
let url: string;
let admin: string;
let cafe: { token: string };
let holds: string[] = [];

async function pool<T>(items: T[], width: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

beforeAll(async () => {
  env = await EarnEnv.start('harden_storm', { DATABASE_POOL_SIZE: '40' });
  await env.api.app.listen(0, '127.0.0.1');
  url = `http://127.0.0.1:${(env.api.app.getHttpServer().address() as AddressInfo).port}`;
  await env.startWorker();
  const seeded = await seedMerchant(env.api.app, env.program, 'cafe');
  cafe = seeded;
  const staff = env.api.app.get(StaffUsersService);
  admin = (
    await env.api.app.get(ApiKeysService).issueForStaff(await staff.createAdmin('admin'), 'tests')
  ).token;
  const residents = await residentsWithLots(env, CAPTURES / HOLDS_EACH, HOLDS_EACH, 'storm', {
    program: env.program,
    issuerId: env.operators.metro.participant.id,
  });
  // The holds are made by the service's own code in process (not timed); only captures storm.
  const service = env.api.app.get(HoldsService);
  const made: string[] = [];
  await pool(residents, 4, async (residentId) => {
    for (let i = 0; i < HOLDS_EACH; i++)
      made.push(
        // As the api runs a hold: one transaction, retried when a lock wait deadlocks.
        await retryOnDeadlock(
          () =>
            env.db.transaction((em) =>
              service.holdFor(em, env.program, seeded.merchant, residentId, {
                points: 1,
                merchantOrderId: `storm-${residentId}-${i}`,
                ttlSeconds: 3_600,
                offerId: null,
              }),
            ),
          10,
        ),
      );
  });
  // Interleave the residents, so parallel captures are mostly of different residents.
  holds = made
    .map((id, i) => ({ id, key: (i % HOLDS_EACH) * 1e6 + i }))
    .sort((a, b) => a.key - b.key)
    .map((h) => h.id);
});
afterAll(() => env.stop());

const post = (path: string, token: string, key: string, body: object) =>
  fetch(`${url}/v1/programs/${env.program.code}${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'idempotency-key': key,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });

it(`puts each of ${CAPTURES} captures across a close in the one cycle OPEN at its commit`, async () => {
  const timing = new Map<string, { sent: number; answered: number; status: number }>();
  const close = { sent: 0, answered: 0, status: 0, seq: 0 };
  let done = 0;
  let closing: Promise<void> | null = null;
  const started = performance.now();
  await pool(holds, IN_FLIGHT, async (id) => {
    const sent = performance.now();
    const res = await post(`/participants/cafe/redemptions/${id}/capture`, cafe.token, id, {});
    await res.arrayBuffer();
    timing.set(id, { sent, answered: performance.now(), status: res.status });
    if (++done === CAPTURES / 2)
      closing = (async () => {
        close.sent = performance.now();
        const r = await post('/clearing/cycles/close', admin, 'storm-close', {});
        close.status = r.status;
        close.seq = ((await r.json()) as { sequence: number }).sequence;
        close.answered = performance.now();
      })();
  });
  const seconds = (performance.now() - started) / 1000;
  await closing;
  console.log(
    `cut-off storm: ${CAPTURES} captures over HTTP (${IN_FLIGHT} in flight) in ${seconds.toFixed(2)} s = ${Math.round(CAPTURES / seconds)} captures/s; the close took ${Math.round(close.answered - close.sent)} ms`,
  );
  expect([...timing.values()].filter((t) => t.status !== 200)).toEqual([]);
  expect({ status: close.status, seq: close.seq }).toEqual({ status: 200, seq: 1 });

  const rows: { id: string; cycles: string; n_lines: string; seq: number; tx: string }[] =
    await env.db.query(
      `SELECT redemption_public_id AS id, COUNT(DISTINCT cycle_seq) AS cycles, COUNT(*) AS n_lines,
              MIN(cycle_seq) AS seq, MIN(ledger_transaction_id) AS tx
         FROM clearing_entries WHERE program_id = ? GROUP BY redemption_public_id`,
      [env.program.id],
    );
  expect(rows).toHaveLength(CAPTURES);
  expect(rows.filter((r) => Number(r.cycles) !== 1 || Number(r.n_lines) !== 1)).toEqual([]);
  const before = rows.filter((r) => timing.get(r.id)!.answered < close.sent);
  const after = rows.filter((r) => timing.get(r.id)!.sent > close.answered);
  expect(before.filter((r) => r.seq !== 1)).toEqual([]);
  expect(after.filter((r) => r.seq !== 2)).toEqual([]);
  const inCycle = (seq: number) => rows.filter((r) => r.seq === seq);
  console.log(
    `cut-off storm: cycle 1 ${inCycle(1).length}, cycle 2 ${inCycle(2).length}; ${before.length} answered before the close was sent, ${after.length} sent after it was answered, ${CAPTURES - before.length - after.length} in flight across it`,
  );
  expect(inCycle(1).length).toBeGreaterThan(0);
  expect(inCycle(2).length).toBeGreaterThan(0);
  const lastOfFirst = Math.max(...inCycle(1).map((r) => Number(r.tx)));
  const firstOfSecond = Math.min(...inCycle(2).map((r) => Number(r.tx)));
  expect(lastOfFirst).toBeLessThan(firstOfSecond);

  // Cycle 1 clears with exactly its captures; its check (I7 and the rest) holds.
  await clearedCycle(env, 1, 60_000);
  const [obligation]: { n: string }[] = await env.db.query(
    `SELECT SUM(o.net_points) AS n FROM clearing_obligations o JOIN clearing_cycles c ON c.id = o.cycle_id
      WHERE c.program_id = ? AND c.seq = 1`,
    [env.program.id],
  );
  expect(Number(obligation.n)).toBe(inCycle(1).length);
  expect(await env.worker!.get(CycleCheck).run(env.program, 1)).toMatchObject({ ok: true });
});
