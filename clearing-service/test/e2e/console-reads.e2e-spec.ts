/**
 * What the console reads beside the operators' own API: an operator's events a page at a time
 * (filters, cursor, no one else's), and the bureau's live calculator, whose figure is the one
 * crediting then credits. Real MariaDB, Redis and a worker.
 */
import { ApiKeysService } from '../../src/tenancy/services/api-keys.service';
import { StaffUsersService } from '../../src/tenancy/services/staff-users.service';
import { EarnEnv, metroRide } from '../support/earn-env';
import { bearer } from '../support/test-app';

jest.setTimeout(60_000);

let env: EarnEnv;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  env = await EarnEnv.start('console-reads');
  await env.startWorker();
  const keys = env.api.app.get(ApiKeysService);
  for (const op of [env.operators.metro, env.operators.mapApp]) {
    const issued = await keys.issueForParticipant(env.program.id, op.participant.id, 'console');
    tokens[op.participant.code] = issued.token;
  }
  const bureau = await env.api.app
    .get(StaffUsersService)
    .createBureauUser(env.program.id, 'console bureau');
  tokens.bureau = (await keys.issueForStaff(bureau, 'console')).token;

  const metro = env.operators.metro;
  await env.bindResident('wx-console-ann', metro, 'ann');
  await env
    .push(metro, metroRide('list-1', 'ann', { minutesAgo: 300, distanceM: 8000 }))
    .expect(202);
  await env.push(metro, metroRide('list-2', 'ann', { minutesAgo: 200 })).expect(202);
  await env
    .push(metro, metroRide('list-3', 'ann', { minutesAgo: 100, behaviour: 'bus' }))
    .expect(202);
  await env.push(metro, metroRide('list-4', 'nobody-bound')).expect(202);
  await env.push(env.operators.mapApp, metroRide('map-1', 'someone')).expect(202);
  await env.processed();
});
afterAll(() => env.stop());

const eventsOf = (operator: string, query: Record<string, string | number> = {}, token?: string) =>
  env.api
    .http()
    .get(`/v1/programs/${env.program.code}/operators/${operator}/events`)
    .query(query)
    .set(bearer(token ?? tokens[operator]));

const idsOf = (body: { events: { id: string }[] }) => body.events.map((e) => e.id);

describe("an operator's events", () => {
  it('lists them newest first, each with its status, reduction and behaviour', async () => {
    const res = await eventsOf('metro');
    expect(res.status).toBe(200);
    expect(idsOf(res.body)).toEqual(['list-4', 'list-3', 'list-2', 'list-1']);
    expect(res.body.next).toBeNull();
    const first = res.body.events[3];
    expect(first).toMatchObject({ id: 'list-1', behaviour: 'metro', status: 'credited' });
    expect(first.reductionMg).toBe(
      (await env.statusOf(env.operators.metro, 'list-1')).reduction_mg,
    );
    expect(res.body.events[0]).toMatchObject({ id: 'list-4', status: 'pending_binding' });
    // No user id: the list is not a profile of anyone.
    expect(JSON.stringify(res.body)).not.toContain('nobody-bound');
  });

  it('filters by status, behaviour and time received, and pages by cursor', async () => {
    expect(idsOf((await eventsOf('metro', { status: 'pending_binding' })).body)).toEqual([
      'list-4',
    ]);
    expect(idsOf((await eventsOf('metro', { behaviour: 'bus' })).body)).toEqual(['list-3']);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect(idsOf((await eventsOf('metro', { from: future })).body)).toEqual([]);
    expect(idsOf((await eventsOf('metro', { to: future })).body)).toHaveLength(4);

    const first = await eventsOf('metro', { limit: 3 });
    expect(idsOf(first.body)).toEqual(['list-4', 'list-3', 'list-2']);
    expect(first.body.next).toBe(first.body.events[2].reference);
    const second = await eventsOf('metro', { limit: 3, after: first.body.next });
    expect(idsOf(second.body)).toEqual(['list-1']);
    expect(second.body.next).toBeNull();
  });

  it("shows no other operator's events, to it or through its own path", async () => {
    expect(idsOf((await eventsOf('map-app')).body)).toEqual(['map-1']);
    const across = await eventsOf('metro', {}, tokens['map-app']);
    expect(across.status).toBe(404);
    expect(JSON.stringify(across.body)).not.toContain('list-1');
  });

  it('names the field and the reason for a bad filter', async () => {
    for (const [query, field] of [
      [{ status: 'done' }, 'status'],
      [{ limit: 0 }, 'limit'],
      [{ after: 'cbd_1' }, 'after'],
      [{ from: '2026-01-02T00:00:00Z', to: '2026-01-01T00:00:00Z' }, 'to'],
    ] as const) {
      const res = await eventsOf('metro', query);
      expect(res.status).toBe(422);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });
});

describe("the bureau's calculator", () => {
  async function published(code: string) {
    const res = await env.api.http().get(`/v1/programs/${env.program.code}/methodologies`);
    return res.body.find((m: { code: string }) => m.code === code);
  }

  it("gives crediting's own figure for an event, and the content hash publication gives", async () => {
    const metro = await published('SZ-METRO');
    const res = await env.api
      .http()
      .post(`/v1/programs/${env.program.code}/methodologies/preview`)
      .set(bearer(tokens.bureau))
      .send({ definition: metro.definition, activity: { distanceM: 8000, durationS: 1200 } });
    expect(res.status).toBe(200);
    const credited = await env.statusOf(env.operators.metro, 'list-1');
    expect(res.body).toMatchObject({
      plausible: true,
      reductionMg: Number(credited.reduction_mg),
      mgPerPoint: 10_000,
      contentHash: metro.contentHash,
    });
    // Whole points of the reduction, the rest carried: nothing lost to rounding.
    expect(res.body.points * res.body.mgPerPoint + res.body.remainderMg).toBe(res.body.reductionMg);
    expect(res.body.formula).toContain('8000 m');
  });

  it('says why crediting would reject an implausible event, and refuses a bad definition by field', async () => {
    const metro = await published('SZ-METRO');
    const base = `/v1/programs/${env.program.code}/methodologies/preview`;
    const fast = await env.api
      .http()
      .post(base)
      .set(bearer(tokens.bureau))
      .send({ definition: metro.definition, activity: { distanceM: 90_000, durationS: 60 } });
    expect(fast.body).toMatchObject({ plausible: false, reason: 'implausible_speed', points: 0 });
    const bad = await env.api
      .http()
      .post(base)
      .set(bearer(tokens.bureau))
      .send({ definition: { ...metro.definition, factorMg: -1 }, activity: { distanceM: 1 } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].field).toMatch(/^definition/);
    const asOperator = await env.api
      .http()
      .post(base)
      .set(bearer(tokens.metro))
      .send({ definition: metro.definition });
    expect(asOperator.status).toBe(403);
  });
});
