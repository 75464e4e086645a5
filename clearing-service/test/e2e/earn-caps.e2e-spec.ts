/** Caps are exact under concurrency: 20 events of one resident pushed at once against a daily cap. */
import { EarnEnv } from '../support/earn-env';
import { sameChinaDaySlots } from '../support/china-day';

let env: EarnEnv;

beforeAll(async () => {
  env = await EarnEnv.start('earn_caps');
  await env.startWorker();
});
afterAll(() => env.stop());

function event(id: string, user: string, behaviour: string, start: Date, activity: object) {
  return {
    id,
    user,
    behaviour,
    startedAt: start.toISOString(),
    endedAt: new Date(start.getTime() + 5 * 60_000).toISOString(),
    activity,
  };
}

it('credits exactly 5 metro rides a day (perDayEvents 5) out of 20 pushed concurrently', async () => {
  await env.bindResident('wx-frank', env.operators.metro, 'frank');
  const slots = sameChinaDaySlots(20, 6);
  const results = await Promise.all(
    slots.map((s, i) =>
      env.push(env.operators.metro, event(`fm-${i}`, 'frank', 'metro', s, { distanceM: 3000 })),
    ),
  );
  expect(results.map((r) => r.status)).toEqual(Array(20).fill(202));
  await env.processed();
  const rows: { status: string; n: string }[] = await env.db.query(
    "SELECT status, COUNT(*) AS n FROM inbox_events WHERE external_user = 'frank' GROUP BY status",
  );
  expect(rows.map((r) => [r.status, Number(r.n)]).sort()).toEqual([
    ['capped', 15],
    ['credited', 5],
  ]);
});

it('credits exactly 296 g of walking a day (perDayMg 296000), the last event partly', async () => {
  await env.bindResident('wx-gina', env.operators.metro, 'gina');
  const slots = sameChinaDaySlots(20, 6);
  // 3000 steps × 29600 mg / 1000 steps = 88800 mg each: 3 whole (266400 mg), the 4th 29600 mg, then capped.
  await Promise.all(
    slots.map((s, i) =>
      env
        .push(env.operators.metro, event(`gw-${i}`, 'gina', 'walk', s, { units: 3000 }))
        .expect(202),
    ),
  );
  await env.processed();
  const [sum] = await env.db.query(
    "SELECT SUM(r.reduction_mg) AS mg, COUNT(*) AS n FROM reductions r JOIN inbox_events e ON e.id = r.inbox_event_id WHERE e.external_user = 'gina'",
  );
  expect(Number(sum.mg)).toBe(296_000);
  expect(Number(sum.n)).toBe(4);
  const [capped] = await env.db.query(
    "SELECT COUNT(*) AS n FROM inbox_events WHERE external_user = 'gina' AND status = 'capped'",
  );
  expect(Number(capped.n)).toBe(16);
  expect(await env.ledgerCheck()).toMatchObject({ ok: true });
});
