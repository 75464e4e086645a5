/**
 * Crediting batches of one program running at once (the worker's lanes) stay exact: a batch leaves
 * the events of residents another batch holds, and whatever the interleaving, caps, overlaps,
 * balances and the audit log's numbering come out as if the batches had run one by one.
 */
import type { INestApplicationContext } from '@nestjs/common';
import { createWorkerApp } from '../../src/bootstrap';
import { CreditingBatch } from '../../src/crediting/services/crediting-batch';
import { InboxSweeper } from '../../src/crediting/services/inbox-sweeper';
import { sameChinaDaySlots } from '../support/china-day';
import { EarnEnv } from '../support/earn-env';

let env: EarnEnv;
let worker: INestApplicationContext;
let batch: CreditingBatch;

beforeAll(async () => {
  env = await EarnEnv.start('crediting_lanes');
  const config = env.api.db.config;
  // A queue prefix of its own, so the api's wake-ups start no drain: this test runs the batches.
  worker = await createWorkerApp({
    ...config,
    redis: { ...config.redis, queuePrefix: `{lanes-${process.pid}}` },
  });
  await worker.get(InboxSweeper).onApplicationShutdown();
  batch = worker.get(CreditingBatch);
});
afterAll(async () => {
  await worker?.close();
  await env.stop();
});

function ride(id: string, user: string, start: Date, minutes = 5) {
  return {
    id,
    user,
    behaviour: 'metro',
    startedAt: start.toISOString(),
    endedAt: new Date(start.getTime() + minutes * 60_000).toISOString(),
    activity: { distanceM: 3000 },
  };
}

async function statuses(user: string): Promise<Record<string, number>> {
  const rows: { status: string; n: string }[] = await env.db.query(
    'SELECT status, COUNT(*) AS n FROM inbox_events WHERE external_user = ? GROUP BY status',
    [user],
  );
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

it('leaves the events of a resident another batch holds, and credits them once it lets go', async () => {
  const held = await env.bindResident('wx-lane-held', env.operators.metro, 'lane-held');
  await env.bindResident('wx-lane-free', env.operators.metro, 'lane-free');
  const slots = sameChinaDaySlots(2, 10);
  for (const user of ['lane-held', 'lane-free'])
    await env.push(env.operators.metro, ride(`${user}-1`, user, slots[0])).expect(202);

  // Another batch (here: a bare transaction) holds the resident until it commits.
  const other = env.db.createQueryRunner();
  await other.startTransaction();
  await other.query('SELECT id FROM residents WHERE id = ? FOR UPDATE', [held]);
  try {
    expect(await batch.run(env.program.id)).toEqual({ claimed: 2, deferred: 1 });
    expect(await statuses('lane-held')).toEqual({ accepted: 1 });
    expect(await statuses('lane-free')).toEqual({ credited: 1 });
  } finally {
    await other.commitTransaction();
    await other.release();
  }
  expect(await batch.run(env.program.id)).toEqual({ claimed: 1, deferred: 0 });
  expect(await statuses('lane-held')).toEqual({ credited: 1 });
});

it('keeps caps, overlaps, balances and the gap-free log exact with four batches at once', async () => {
  const users = Array.from({ length: 8 }, (_, i) => `lanes-${i}`);
  for (const user of users) {
    const resident = await env.bindResident(`wx-${user}`, env.operators.metro, user);
    await env.bindResidentTo(resident, env.operators.mapApp, `map-${user}`);
  }
  // Per resident: 12 metro rides on one China day (5 a day earn), the map app reporting the first
  // of them again (the same trip: it earns once), and interleaved across residents so that every
  // small batch mixes residents the others hold.
  const slots = sameChinaDaySlots(12, 10);
  for (let i = 0; i < slots.length; i++) {
    await env
      .push(env.operators.metro, {
        events: users.map((user) => ride(`${user}-ride-${i}`, user, slots[i])),
      })
      .expect(200);
    if (i === 0)
      await env
        .push(env.operators.mapApp, {
          events: users.map((user) => ride(`${user}-map-0`, `map-${user}`, slots[0], 4)),
        })
        .expect(200);
  }
  const leavesBefore = await env.auditHead();

  const lane = async () => {
    while ((await batch.run(env.program.id, 7)).claimed > 0);
  };
  await Promise.all([lane(), lane(), lane(), lane()]);

  for (const user of users) {
    const rides = await statuses(user);
    const map = await statuses(`map-${user}`);
    // The ride and the map app's copy of it: one credit between them, the other points at it.
    expect({
      ...rides,
      ...Object.fromEntries(Object.entries(map).map(([k, v]) => [`map ${k}`, v])),
    }).toEqual(
      rides.credited === 5
        ? { credited: 5, capped: 7, 'map overlapping': 1 }
        : { credited: 4, capped: 7, overlapping: 1, 'map credited': 1 },
    );
  }
  const credits = users.length * 5;
  // One leaf per credit, numbered on from the head without a gap or a repeat.
  const leaves: { leaf_index: string }[] = await env.db.query(
    'SELECT leaf_index FROM audit_leaves WHERE program_id = ? AND leaf_index >= ? ORDER BY leaf_index',
    [env.program.id, leavesBefore],
  );
  expect(leaves.map((l) => Number(l.leaf_index))).toEqual(
    Array.from({ length: credits }, (_, i) => leavesBefore + i),
  );
  expect(await env.auditHead()).toBe(leavesBefore + credits);
  expect(await env.ledgerCheck()).toMatchObject({ ok: true });
});
