/**
 * The intake under concurrent deliveries: single-event posts that arrive together share an upsert,
 * and batches that share events race each other; every delivery still gets its own answer, and
 * every event is stored exactly once.
 */
import { EarnEnv, metroRide } from '../support/earn-env';

jest.setTimeout(120_000);

let env: EarnEnv;

beforeAll(async () => {
  env = await EarnEnv.start('earn_intake');
});
afterAll(() => env.stop());

async function storedCount(prefix: string): Promise<{ rows: number; ids: number }> {
  const [r] = await env.db.query(
    'SELECT COUNT(*) AS n, COUNT(DISTINCT event_id) AS ids FROM inbox_events WHERE event_id LIKE ?',
    [`${prefix}-%`],
  );
  return { rows: Number(r.n), ids: Number(r.ids) };
}

it('answers each of many single posts arriving together on its own: receipt, same receipt, or 409', async () => {
  const metro = env.operators.metro;
  const fresh = Array.from({ length: 60 }, (_, i) => metroRide(`single-${i}`, `u-${i}`));
  // The same id with two bodies, posted at the same moment: one is stored, the other refused.
  const contested = Array.from({ length: 20 }, (_, i) => [
    metroRide(`single-x${i}`, `u-${i}`, { distanceM: 1000 }),
    metroRide(`single-x${i}`, `u-${i}`, { distanceM: 2000 }),
  ]);
  const posts = [
    ...fresh.map((ride) => ({ kind: 'fresh', ride })),
    ...fresh.map((ride) => ({ kind: 'redelivery', ride: { ...ride } })),
    ...contested.flat().map((ride) => ({ kind: 'contested', ride })),
  ];
  const answers = await Promise.all(posts.map((p) => env.push(metro, p.ride)));

  const byId = new Map<string, { status: number; body: { reference?: string; code?: string } }[]>();
  answers.forEach((a, i) => byId.set(posts[i].ride.id, [...(byId.get(posts[i].ride.id) ?? []), a]));
  for (const ride of fresh) {
    const [first, second] = byId.get(ride.id)!;
    expect([first.status, second.status]).toEqual([202, 202]);
    expect(first.body.reference).toMatch(/^evt_\d+$/);
    expect(second.body).toEqual(first.body);
  }
  for (const [a] of contested) {
    const statuses = byId
      .get(a.id)!
      .map((x) => x.status)
      .sort();
    expect(statuses).toEqual([202, 409]);
    expect(byId.get(a.id)!.find((x) => x.status === 409)!.body.code).toBe('event_id_conflict');
  }
  expect(await storedCount('single')).toEqual({ rows: 80, ids: 80 });
  // The stored body is the one whose delivery was answered 202.
  for (const [a, b] of contested) {
    const winner = byId.get(a.id)!.find((x) => x.status === 202)!.body.reference;
    const [row] = await env.db.query(
      "SELECT CONCAT('evt_', id) AS reference, distance_m FROM inbox_events WHERE event_id = ?",
      [a.id],
    );
    expect(row.reference).toBe(winner);
    expect([a.activity.distanceM, b.activity.distanceM]).toContain(row.distance_m);
  }
});

it('stores batches racing on shared events exactly once, answering every event accepted', async () => {
  const metro = env.operators.metro;
  for (let round = 0; round < 3; round++) {
    const shared = Array.from({ length: 50 }, (_, i) => metroRide(`race${round}-s${i}`, `u-${i}`));
    const batches = Array.from({ length: 4 }, (_, b) =>
      [
        ...shared,
        ...Array.from({ length: 200 }, (_, i) => metroRide(`race${round}-b${b}-${i}`, `u-${i}`)),
      ].sort(() => Math.random() - 0.5),
    );
    const answers = await Promise.all(batches.map((events) => env.push(metro, { events })));
    for (const a of answers) {
      expect(a.status).toBe(200);
      expect(a.body).toMatchObject({ accepted: 250, refused: 0 });
    }
    // A shared event gets the same receipt whichever batch stored it.
    const receipts = (i: number) =>
      answers.map(
        (a) =>
          a.body.results.find((r: { id: string }) => r.id === `race${round}-s${i}`).receipt
            .reference,
      );
    for (let i = 0; i < 50; i++) expect(new Set(receipts(i)).size).toBe(1);
    expect(await storedCount(`race${round}`)).toEqual({ rows: 850, ids: 850 });
  }
});
