/**
 * The earn path end to end: signed operator events → inbox → worker → reductions, points and audit
 * leaves, with the real MariaDB, Redis and a real worker application.
 */
import { EarnEnv, metroRide } from '../support/earn-env';

let env: EarnEnv;

beforeAll(async () => {
  env = await EarnEnv.start('earn');
  await env.startWorker();
});
afterAll(() => env.stop());

describe('crediting', () => {
  it('credits a metro ride under SZ-METRO@1 with the numbers filled in, exactly once across redeliveries', async () => {
    await env.bindResident('wx-alice', env.operators.metro, 'alice');
    const ride = metroRide('ride-1', 'alice', { distanceM: 12_345 });
    const first = await env.push(env.operators.metro, ride);
    expect(first.status).toBe(202);
    expect(first.body).toEqual({
      id: 'ride-1',
      reference: expect.stringMatching(/^evt_\d+$/),
      receivedAt: expect.any(String),
    });
    const again = await env.push(env.operators.metro, { ...ride, activity: { ...ride.activity } });
    expect(again.status).toBe(202);
    expect(again.body).toEqual(first.body);

    await env.processed();
    const status = await env.statusOf(env.operators.metro, 'ride-1');
    // 12345 m × 46700 mg / 1000 m = 576511.5 → 576511 mg; 10 g a point → 57 points, 6511 mg carried.
    expect(status).toMatchObject({ status: 'credited', reduction_mg: '576511', points: '57' });
    const [reduction] = await env.db.query(
      'SELECT methodology_code, methodology_version, formula FROM reductions',
    );
    expect(reduction).toEqual({
      methodology_code: 'SZ-METRO',
      methodology_version: 1,
      formula: '12345 m × 46700 mg / 1000 m = 576511 mg (floor)',
    });
    const [remainder] = await env.db.query('SELECT remainder_mg FROM point_remainders');
    expect(Number(remainder.remainder_mg)).toBe(6511);
    expect(await env.ledgerCheck()).toMatchObject({ ok: true });
  });

  it('refuses the same event id with a different body (409) and changes nothing', async () => {
    const before = await env.footprint();
    const res = await env.push(
      env.operators.metro,
      metroRide('ride-1', 'alice', { distanceM: 99_000 }),
    );
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('event_id_conflict');
    expect(await env.footprint()).toEqual(before);
  });

  it('credits the same trip reported by two operators once, pointing the later one at the first', async () => {
    await env.bindResident('wx-bob', env.operators.metro, 'bob-metro');
    const bob = (
      await env.db.query(
        "SELECT resident_id FROM resident_bindings WHERE external_user_id = 'bob-metro'",
      )
    )[0].resident_id;
    await env.bindResidentTo(bob, env.operators.mapApp, 'bob-map');
    const ride = metroRide('m-100', 'bob-metro', { minutesAgo: 90, minutes: 30 });
    await env.push(env.operators.metro, ride).expect(202);
    await env.processed();
    const seenByMap = { ...metroRide('map-7', 'bob-map', { minutesAgo: 85, minutes: 20 }) };
    await env.push(env.operators.mapApp, seenByMap).expect(202);
    await env.processed();
    const later = await env.statusOf(env.operators.mapApp, 'map-7');
    expect(later.status).toBe('overlapping');
    expect(later.reduction_mg).toBeNull();
    const [first] = await env.db.query("SELECT id FROM inbox_events WHERE event_id = 'm-100'");
    expect(later.overlaps_event_id).toBe(first.id);
  });

  it('keeps events of an unbound user waiting, and credits them when the resident binds', async () => {
    await env
      .push(env.operators.metro, metroRide('carol-1', 'carol', { minutesAgo: 200 }))
      .expect(202);
    await env.processed();
    expect((await env.statusOf(env.operators.metro, 'carol-1')).status).toBe('pending_binding');
    await env.bindResident('wx-carol', env.operators.metro, 'carol');
    const deadline = Date.now() + 10_000;
    let status = await env.statusOf(env.operators.metro, 'carol-1');
    while (status.status !== 'credited' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      status = await env.statusOf(env.operators.metro, 'carol-1');
    }
    expect(status.status).toBe('credited');
  });

  it('rejects an implausible trip with the reason', async () => {
    await env.bindResident('wx-dan', env.operators.metro, 'dan');
    // 200 km in 20 minutes is 600 km/h.
    await env
      .push(env.operators.metro, metroRide('dan-fast', 'dan', { distanceM: 200_000, minutes: 20 }))
      .expect(202);
    await env.processed();
    const status = await env.statusOf(env.operators.metro, 'dan-fast');
    expect(status.status).toBe('rejected');
    expect(status.reason).toMatch(/implausible_speed/);
  });

  it('lets the operator read an event status with its API key', async () => {
    const { ApiKeysService } = await import('../../src/tenancy/services/api-keys.service');
    const key = await env.api.app
      .get(ApiKeysService)
      .issueForParticipant(env.program.id, env.operators.metro.participant.id, 't');
    const res = await env.api
      .http()
      .get(`/v1/programs/${env.program.code}/operators/metro/events/ride-1`)
      .set('authorization', `Bearer ${key.token}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: 'ride-1',
      status: 'credited',
      reductionMg: '576511',
      points: '57',
    });
  });

  it("shows the resident's account: total, points by lot, history with code@version and formula", async () => {
    const [alice] = await env.db.query(
      "SELECT resident_id FROM resident_bindings WHERE external_user_id = 'alice'",
    );
    const { ResidentSessionsService } =
      await import('../../src/residents/services/resident-sessions.service');
    const session = await env.api.app.get(ResidentSessionsService).open(alice.resident_id);
    const res = await env.api
      .http()
      .get(`/v1/programs/${env.program.code}/residents/me/account?limit=1`)
      .set('authorization', `Bearer ${session.token}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      program: 'shenzhen',
      totalReductionMg: '576511',
      points: {
        balance: '57',
        unfunded: '0',
        lots: [
          {
            issuer: 'metro',
            points: '57',
            expiresOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
          },
        ],
      },
      history: [
        {
          eventId: 'ride-1',
          operator: 'metro',
          status: 'credited',
          reductionMg: '576511',
          points: '57',
          pointsStatus: 'credited',
          methodology: 'SZ-METRO@1',
          formula: '12345 m × 46700 mg / 1000 m = 576511 mg (floor)',
        },
      ],
      nextBefore: null,
    });
    const bad = await env.api
      .http()
      .get(`/v1/programs/${env.program.code}/residents/me/account?limit=0`)
      .set('authorization', `Bearer ${session.token}`);
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].field).toBe('limit');
  });

  it('holds every ledger invariant afterwards', async () => {
    expect(await env.ledgerCheck()).toEqual(expect.objectContaining({ ok: true, violation: null }));
  });
});
