/** Every kind of bad push gets its 4xx naming the field or the reason, and writes nothing. */
import { signWebhook } from '@tanlian/sdk';
import { WebhookSecretsService } from '../../src/tenancy/services/webhook-secrets.service';
import { EarnEnv, metroRide } from '../support/earn-env';

let env: EarnEnv;

beforeAll(async () => {
  env = await EarnEnv.start('earn_bad');
  await env.bindResident('wx-erin', env.operators.metro, 'erin');
});
afterAll(() => env.stop());

const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();

describe('bad events', () => {
  const good = () => metroRide(`ok-${Math.random()}`, 'erin');
  const cases: [string, () => unknown, number, string[]][] = [
    [
      'a wrong type',
      () => ({ ...good(), activity: { distanceM: '12' } }),
      422,
      ['activity.distanceM'],
    ],
    [
      'a missing field',
      () => {
        const { user: _u, ...rest } = good();
        return rest;
      },
      422,
      ['user'],
    ],
    ['an unknown behaviour', () => ({ ...good(), behaviour: 'teleport' }), 422, ['behaviour']],
    [
      'a negative distance',
      () => ({ ...good(), activity: { distanceM: -5 } }),
      422,
      ['activity.distanceM'],
    ],
    [
      'an absurd distance',
      () => ({ ...good(), activity: { distanceM: 50_000_000 } }),
      422,
      ['activity.distanceM'],
    ],
    [
      'a fractional distance',
      () => ({ ...good(), activity: { distanceM: 12.5 } }),
      422,
      ['activity.distanceM'],
    ],
    [
      'an end before the start',
      () => ({ ...good(), startedAt: hoursAgo(1), endedAt: hoursAgo(2) }),
      422,
      ['endedAt'],
    ],
    [
      'an event older than the acceptance window',
      () => ({ ...good(), startedAt: hoursAgo(200), endedAt: hoursAgo(199) }),
      422,
      ['startedAt'],
    ],
    [
      'an event in the future',
      () => ({ ...good(), startedAt: hoursAgo(-2), endedAt: hoursAgo(-3) }),
      422,
      ['endedAt'],
    ],
    ['a bad district code', () => ({ ...good(), district: '44030' }), 422, ['district']],
    ['an unknown field', () => ({ ...good(), gps: [[22.5, 114.0]] }), 422, ['body']],
  ];

  it.each(cases)('%s → %i naming the field, nothing written', async (_, body, status, fields) => {
    const before = await env.footprint();
    const res = await env.push(env.operators.metro, body());
    expect(res.status).toBe(status);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(
      [...fields].sort(),
    );
    expect(await env.footprint()).toEqual(before);
  });

  it('malformed JSON → 400, nothing written', async () => {
    const before = await env.footprint();
    const res = await env.push(env.operators.metro, null, { rawBody: '{"id": "x",' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('malformed_json');
    expect(await env.footprint()).toEqual(before);
  });

  it('a batch over 1000 events → 422, nothing written', async () => {
    const before = await env.footprint();
    const events = Array.from({ length: 1001 }, (_, i) => metroRide(`b-${i}`, 'erin'));
    const res = await env.push(env.operators.metro, { events });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].field).toBe('events');
    expect(await env.footprint()).toEqual(before);
  });
});

describe('bad signatures', () => {
  const signed = (secret: string, timestamp: number, raw: string) =>
    signWebhook({ id: 'msg_1', timestamp, body: raw, keys: [secret] });

  it('an unknown key → 401, nothing written', async () => {
    const before = await env.footprint();
    const res = await env.push(env.operators.metro, metroRide('sig-1', 'erin'), {
      signWith: env.operators.mapApp.secret,
    });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('signature_no_matching_signature');
    expect(await env.footprint()).toEqual(before);
  });

  it('a revoked key → 401 at once; a second live key still works (rotation)', async () => {
    const secrets = env.api.app.get(WebhookSecretsService);
    const next = await secrets.issue(env.operators.metro.participant, { scheme: 'v1' });
    const ids = (await secrets.list(env.operators.metro.participant.id)).map((s) => s.id);
    const old = ids.find((id) => id !== next.secret.id)!;
    expect(
      (
        await env.push(env.operators.metro, metroRide('rot-1', 'erin'), {
          signWith: next.plaintext!,
        })
      ).status,
    ).toBe(202);
    await secrets.revoke(env.operators.metro.participant, old);
    const before = await env.footprint();
    const res = await env.push(env.operators.metro, metroRide('rot-2', 'erin'));
    expect(res.status).toBe(401);
    expect(await env.footprint()).toEqual(before);
    env.operators.metro.secret = next.plaintext!;
  });

  it('a stale or replayed-late signature → 401 naming the clock problem', async () => {
    const before = await env.footprint();
    const old = await env.push(env.operators.metro, metroRide('stale-1', 'erin'), {
      timestamp: Math.floor(Date.now() / 1000) - 301,
    });
    expect(old.status).toBe(401);
    expect(old.body.code).toBe('signature_timestamp_too_old');
    const future = await env.push(env.operators.metro, metroRide('stale-2', 'erin'), {
      timestamp: Math.floor(Date.now() / 1000) + 301,
    });
    expect(future.body.code).toBe('signature_timestamp_in_future');
    expect(await env.footprint()).toEqual(before);
  });

  it('a body changed after signing → 401', async () => {
    const raw = JSON.stringify(metroRide('tamper-1', 'erin', { distanceM: 1000 }));
    const headers = signed(env.operators.metro.secret, Math.floor(Date.now() / 1000), raw);
    const before = await env.footprint();
    const res = await env.api
      .http()
      .post(`/v1/programs/${env.program.code}/operators/metro/events`)
      .set(headers)
      .set('content-type', 'application/json')
      .send(raw.replace('1000', '9000'));
    expect(res.status).toBe(401);
    expect(await env.footprint()).toEqual(before);
  });

  it('no signature at all → 401 naming the missing header', async () => {
    const res = await env.api
      .http()
      .post(`/v1/programs/${env.program.code}/operators/metro/events`)
      .send(metroRide('nosig', 'erin'));
    expect(res.status).toBe(401);
    expect(res.body.message).toContain('webhook-id');
  });

  it("an event for another program (another program's URL with this operator's key) → refused", async () => {
    const before = await env.footprint();
    const res = await env.push(env.operators.metro, metroRide('other-1', 'erin'), {
      path: '/v1/programs/elsewhere/operators/metro/events',
    });
    expect(res.status).toBe(404);
    const wrongOperator = await env.push(env.operators.metro, metroRide('other-2', 'erin'), {
      path: `/v1/programs/${env.program.code}/operators/map-app/events`,
    });
    expect(wrongOperator.status).toBe(401);
    expect(await env.footprint()).toEqual(before);
  });
});

describe('batches', () => {
  it('accepts the good events of a batch and names the bad ones by index', async () => {
    const res = await env.push(env.operators.metro, {
      events: [
        metroRide('batch-a', 'erin', { minutesAgo: 500 }),
        { ...metroRide('batch-b', 'erin'), behaviour: 'teleport' },
        metroRide('batch-c', 'erin', { minutesAgo: 400 }),
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.accepted).toBe(2);
    expect(res.body.refused).toBe(1);
    expect(res.body.results[1]).toMatchObject({
      index: 1,
      id: 'batch-b',
      outcome: 'invalid',
      errors: [{ field: 'events[1].behaviour' }],
    });
    expect(res.body.results[0]).toMatchObject({ outcome: 'accepted', receipt: { id: 'batch-a' } });
  });
});
