/**
 * Results go back to operators: signed callbacks of decided events, written in the crediting
 * batch's own transaction and sent with retries and backoff, against the real MariaDB, Redis, a
 * real worker and a local receiver. The worker runs a fast retry policy given as configuration.
 */
import { CallbackPayload } from '@tanlian/sdk';
import IORedis from 'ioredis';
import type { CallbackPolicy } from '../../src/callbacks/callback-policy';
import { ApiKeysService } from '../../src/tenancy/services/api-keys.service';
import { ParticipantsStore } from '../../src/tenancy/services/participants-store';
import { StaffUsersService } from '../../src/tenancy/services/staff-users.service';
import { WebhookSecretsService } from '../../src/tenancy/services/webhook-secrets.service';
import { sameChinaDaySlots } from '../support/china-day';
import { EarnEnv, metroRide, SigningOperator } from '../support/earn-env';
import { TEST_REDIS_URL } from '../support/test-config';
import {
  FAST,
  Receiver,
  sleep,
  startWorkerWithPolicy,
  type Answer,
  type Received,
  verified,
} from '../support/callback-receiver';

jest.setTimeout(60_000);

let env: EarnEnv;
let receiver: Receiver;
let adminToken: string;
const tokens = new Map<string, string>();

/** The worker exactly as production composes it, with the callback policy given as configuration. */
function startWorker(policy: CallbackPolicy): Promise<void> {
  return startWorkerWithPolicy(env, policy);
}

/** Another operator with a webhook secret (to push) and an API key (to configure its callback). */
async function newOperator(code: string): Promise<SigningOperator> {
  const participant = await env.api.app
    .get(ParticipantsStore)
    .create(env.program.id, { code, name: code, roles: ['operator'], fundingMode: 'postpaid' });
  const issued = await env.api.app.get(WebhookSecretsService).issue(participant, { scheme: 'v1' });
  const op = { participant, secret: issued.plaintext! };
  await apiKeyFor(op);
  return op;
}

async function apiKeyFor(op: SigningOperator): Promise<void> {
  const key = await env.api.app
    .get(ApiKeysService)
    .issueForParticipant(env.program.id, op.participant.id, 'callbacks');
  tokens.set(op.participant.code, key.token);
}

const callbackPath = (code: string) =>
  `/v1/programs/${env.program.code}/participants/${code}/callback`;

function asOperator(op: SigningOperator) {
  return { authorization: `Bearer ${tokens.get(op.participant.code)}` };
}

async function setCallback(op: SigningOperator, path: string): Promise<string> {
  const res = await env.api
    .http()
    .put(callbackPath(op.participant.code))
    .set(asOperator(op))
    .send({ url: receiver.url(path) });
  expect(res.status).toBe(200);
  expect(res.body.secret).toMatch(/^whsec_/);
  return res.body.secret;
}

function payloadOf(r: Received): CallbackPayload {
  return CallbackPayload.parse(JSON.parse(r.body));
}

/** Every result the receiver got on `path`, by the operator's event id. */
function resultsOn(path: string) {
  return new Map(receiver.on(path).flatMap((r) => payloadOf(r).results.map((x) => [x.id, x])));
}

async function waitForResult(path: string, eventId: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!resultsOn(path).has(eventId)) {
    if (Date.now() > deadline) throw new Error(`no callback for ${eventId} on ${path}`);
    await sleep(50);
  }
  return resultsOn(path).get(eventId)!;
}

async function deliveriesOf(op: SigningOperator, status?: string) {
  const res = await env.api
    .http()
    .get(`${callbackPath(op.participant.code)}/deliveries`)
    .query(status ? { status } : {})
    .set(asOperator(op));
  expect(res.status).toBe(200);
  return res.body.deliveries as {
    id: string;
    status: string;
    eventIds: string[];
    attempts: number;
    lastStatusCode: number | null;
    lastError: string | null;
  }[];
}

async function waitForDelivery(op: SigningOperator, status: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await deliveriesOf(op, status);
    if (found.length > 0) return found[0];
    if (Date.now() > deadline) throw new Error(`no ${status} delivery of ${op.participant.code}`);
    await sleep(100);
  }
}

let metroSecret: string;

beforeAll(async () => {
  // One crediting lane: these tests name which of one resident's events is credited, capped or
  // overlapping, which follows arrival order only within a lane. Two lanes may split one push
  // between them (SKIP LOCKED claims), and the lane that locks the resident first goes first
  // (seen once under load: cb-1-dup credited, cb-1 overlapping). Totals stay exact either way
  // (crediting-lanes.e2e-spec.ts).
  env = await EarnEnv.start('callbacks', { CREDITING_LANES: '1' });
  receiver = await Receiver.start();
  const staff = await env.api.app.get(StaffUsersService).createAdmin('callbacks admin');
  adminToken = (await env.api.app.get(ApiKeysService).issueForStaff(staff, 't')).token;
  for (const op of Object.values(env.operators)) await apiKeyFor(op);
  await startWorker(FAST);
});
afterAll(async () => {
  await env.stop();
  await receiver.close();
});

describe('callback configuration', () => {
  it('refuses a URL that is not https (or loopback http) with 422 naming url', async () => {
    for (const url of [
      'http://example.com/cb',
      'ftp://example.com/cb',
      'https://user:secret@example.com/cb',
      'https://example.com/cb#frag',
      'not a url',
    ]) {
      const res = await env.api
        .http()
        .put(callbackPath('metro'))
        .set(asOperator(env.operators.metro))
        .send({ url });
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([{ field: 'url', reason: expect.any(String) }]);
    }
    const missing = await env.api
      .http()
      .put(callbackPath('metro'))
      .set(asOperator(env.operators.metro))
      .send({});
    expect(missing.status).toBe(422);
    expect(missing.body.errors[0].field).toBe('url');
  });

  it('accepts https anywhere and http to this machine, set by the operator or an admin', async () => {
    const op = await newOperator('url-op');
    for (const url of [
      'https://operator.example/tanlian/callback?v=1',
      'https://[2001:db8::1]:8443/cb',
      'http://localhost:8080/cb',
      'http://127.0.0.1/cb',
    ]) {
      const res = await env.api
        .http()
        .put(callbackPath('url-op'))
        .set({ authorization: `Bearer ${adminToken}` })
        .send({ url });
      expect(res.status).toBe(200);
      expect(res.body.url).toBe(url);
    }
    const stopped = await env.api.http().delete(callbackPath('url-op')).set(asOperator(op));
    expect(stopped.body).toMatchObject({ active: false });
  });

  it('shows the signing secret once, when the URL is first set', async () => {
    metroSecret = await setCallback(env.operators.metro, '/metro');
    const again = await env.api
      .http()
      .put(callbackPath('metro'))
      .set(asOperator(env.operators.metro))
      .send({ url: receiver.url('/metro') });
    expect(again.status).toBe(200);
    expect(again.body.secret).toBeNull();
    const shown = await env.api
      .http()
      .get(callbackPath('metro'))
      .set(asOperator(env.operators.metro));
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({
      url: receiver.url('/metro'),
      active: true,
      disabledAt: null,
      previousSecretValidUntil: null,
    });
    expect(JSON.stringify(shown.body)).not.toContain('whsec_');
    const [row] = await env.db.query(
      'SELECT sealed_secret FROM participant_callbacks WHERE participant_id = ?',
      [env.operators.metro.participant.id],
    );
    expect(row.sealed_secret.toString('latin1')).not.toContain(metroSecret.slice(6));
  });

  it("answers 404 for another participant's callback, and for an operator without one", async () => {
    const other = await env.api
      .http()
      .get(callbackPath('metro'))
      .set(asOperator(env.operators.mapApp));
    expect(other.status).toBe(404);
    const write = await env.api
      .http()
      .put(callbackPath('metro'))
      .set(asOperator(env.operators.mapApp))
      .send({ url: receiver.url('/stolen') });
    expect(write.status).toBe(404);
    const none = await env.api
      .http()
      .get(callbackPath('bike'))
      .set({ authorization: `Bearer ${adminToken}` });
    expect(none.status).toBe(404);
    expect(none.body.code).toBe('callback_not_configured');
  });
});

describe('callbacks of decided events', () => {
  it('POSTs credited, capped, overlapping and rejected results, signed with the shown secret', async () => {
    const metro = env.operators.metro;
    await env.bindResident('wx-cb-ann', metro, 'ann');
    const [s1, s2, s3, s4, s5, s6, s7] = sameChinaDaySlots(7, 30);
    const ride = (id: string, start: Date, extra: object = {}) => ({
      id,
      user: 'ann',
      behaviour: 'metro',
      startedAt: start.toISOString(),
      endedAt: new Date(start.getTime() + 20 * 60_000).toISOString(),
      activity: { distanceM: 10_000 },
      ...extra,
    });
    const events = [
      ride('cb-1', s1),
      // The same trip again, reported a minute later: overlapping.
      ride('cb-1-dup', new Date(s1.getTime() + 60_000)),
      ride('cb-2', s2),
      ride('cb-3', s3),
      ride('cb-4', s4),
      ride('cb-5', s5),
      // The sixth ride of the day: metro earns 5 rides a day.
      ride('cb-6', s6),
      // 200 km in 20 minutes.
      ride('cb-fast', s7, { activity: { distanceM: 200_000 } }),
    ];
    const pushed = await env.push(metro, { events });
    expect(pushed.body.accepted).toBe(events.length);
    await env.processed();

    for (const e of events) await waitForResult('/metro', e.id);
    const results = resultsOn('/metro');
    expect(results.get('cb-1')).toMatchObject({ status: 'credited', reductionMg: '467000' });
    expect(results.get('cb-1-dup')).toMatchObject({
      status: 'overlapping',
      overlapsWith: results.get('cb-1')!.reference,
      reductionMg: null,
    });
    expect(results.get('cb-6')).toMatchObject({ status: 'capped', points: null });
    expect(results.get('cb-fast')).toMatchObject({
      status: 'rejected',
      reason: expect.stringMatching(/implausible_speed/),
    });

    // Each result is exactly what GET …/events/{eventId} answers.
    for (const e of events) {
      const status = await env.api
        .http()
        .get(`/v1/programs/${env.program.code}/operators/metro/events/${e.id}`)
        .set(asOperator(metro));
      expect(results.get(e.id)).toEqual(status.body);
    }
    for (const r of receiver.on('/metro')) {
      expect(verified(r, metroSecret)).toMatchObject({
        ok: true,
        id: expect.stringMatching(/^cbd_/),
      });
      expect(r.headers['content-type']).toBe('application/json');
      expect(payloadOf(r)).toMatchObject({
        type: 'events.decided',
        program: 'shenzhen',
        operator: 'metro',
      });
      expect(verified(r, 'whsec_' + Buffer.alloc(32, 7).toString('base64')).ok).toBe(false);
    }
    // One batch, one delivery carrying all eight results.
    const delivered = await deliveriesOf(metro, 'delivered');
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject({ attempts: 1, lastStatusCode: 200, lastError: null });
    expect([...delivered[0].eventIds].sort()).toEqual(events.map((e) => e.id).sort());
  });

  it('does not call back pending_binding, and calls back the credit once the resident binds', async () => {
    const metro = env.operators.metro;
    await env.push(metro, metroRide('cb-late', 'ben', { minutesAgo: 300 })).expect(202);
    await env.processed();
    expect((await env.statusOf(metro, 'cb-late')).status).toBe('pending_binding');
    await sleep(1000);
    expect(resultsOn('/metro').has('cb-late')).toBe(false);

    await env.bindResident('wx-cb-ben', metro, 'ben');
    expect(await waitForResult('/metro', 'cb-late')).toMatchObject({
      status: 'credited',
      reason: null,
    });
  });

  it('rejects waiting events whose binding window ran out with their callback', async () => {
    const metro = env.operators.metro;
    await env.push(metro, metroRide('cb-never', 'nobody', { minutesAgo: 400 })).expect(202);
    // bike has no callback: its expired event is rejected all the same, with no delivery.
    await env
      .push(
        env.operators.bike,
        metroRide('bike-never', 'nobody', { behaviour: 'bike', distanceM: 3000 }),
      )
      .expect(202);
    await env.processed();
    expect((await env.statusOf(metro, 'cb-never')).status).toBe('pending_binding');
    // The window closes: from now on the inbox sweeper finds them expired.
    await env.db.query('UPDATE programs SET binding_window_hours = 0 WHERE id = ?', [
      env.program.id,
    ]);
    try {
      expect(await waitForResult('/metro', 'cb-never')).toMatchObject({
        status: 'rejected',
        reason: expect.stringMatching(/^binding_window_expired/),
      });
      const deadline = Date.now() + 10_000;
      while ((await env.statusOf(env.operators.bike, 'bike-never')).status !== 'rejected') {
        expect(Date.now()).toBeLessThan(deadline);
        await sleep(100);
      }
    } finally {
      await env.db.query('UPDATE programs SET binding_window_hours = 720 WHERE id = ?', [
        env.program.id,
      ]);
    }
    const [{ n }] = await env.db.query(
      `SELECT COUNT(*) AS n FROM callback_deliveries WHERE participant_id = ?`,
      [env.operators.bike.participant.id],
    );
    expect(Number(n)).toBe(0);
  });
});

describe('delivery', () => {
  it('retries a receiver that answers 500 twice, and delivers on the third attempt', async () => {
    const op = await newOperator('flaky-op');
    const secret = await setCallback(op, '/flaky');
    receiver.script('/flaky', [500, 500]);
    await env.bindResident('wx-cb-flo', op, 'flo');
    await env.push(op, metroRide('flaky-1', 'flo')).expect(202);

    const attempts = await receiver.waitFor('/flaky', 3);
    await sleep(300);
    expect(receiver.on('/flaky')).toHaveLength(3);
    // One delivery: the same webhook-id each time, each attempt freshly signed.
    expect(new Set(attempts.map((a) => a.headers['webhook-id'])).size).toBe(1);
    for (const a of attempts) expect(verified(a, secret).ok).toBe(true);
    // Backoff: 300 ms, then 600 ms.
    expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(250);
    expect(attempts[2].at - attempts[1].at).toBeGreaterThanOrEqual(550);
    const [delivery] = await deliveriesOf(op);
    expect(delivery).toMatchObject({
      id: attempts[0].headers['webhook-id'],
      status: 'delivered',
      attempts: 3,
      lastStatusCode: 200,
      lastError: null,
      eventIds: ['flaky-1'],
    });
  });

  it('gives up when the receiver keeps failing (timeouts, 503) past the deadline: failed', async () => {
    const op = await newOperator('down-op');
    await setCallback(op, '/down');
    receiver.script('/down', ['hang', ...Array<Answer>(50).fill(503)]);
    await env.bindResident('wx-cb-dee', op, 'dee');
    await env.push(op, metroRide('down-1', 'dee')).expect(202);

    const failed = await waitForDelivery(op, 'failed', 20_000);
    expect(failed).toMatchObject({
      lastStatusCode: 503,
      lastError: 'answered HTTP 503',
      eventIds: ['down-1'],
    });
    // The first attempt got no answer within the 1 s timeout, and the retries went on.
    expect(failed.attempts).toBeGreaterThanOrEqual(4);
    expect(receiver.on('/down')).toHaveLength(failed.attempts);
    expect(await deliveriesOf(op, 'pending')).toEqual([]);
  });

  it('redelivers a failed delivery on request, under the same webhook-id; 409 while pending or stopped', async () => {
    const op = await newOperator('redo-op');
    const secret = await setCallback(op, '/redo');
    receiver.script('/redo', Array<Answer>(50).fill(503));
    await env.bindResident('wx-cb-rei', op, 'rei');
    await env.push(op, metroRide('redo-1', 'rei')).expect(202);
    const failed = await waitForDelivery(op, 'failed', 20_000);
    const redeliver = (id: string) =>
      env.api
        .http()
        .post(`${callbackPath('redo-op')}/deliveries/${id}/redeliver`)
        .set(asOperator(op));

    // The receiver is mended; the operator asks for the delivery again.
    receiver.script('/redo', []);
    const seen = receiver.on('/redo').length;
    const asked = await redeliver(failed.id);
    expect(asked.status).toBe(200);
    expect(asked.body).toMatchObject({ id: failed.id, status: 'pending', eventIds: ['redo-1'] });
    expect((await redeliver(failed.id)).body.code).toBe('delivery_pending');
    const [again] = (await receiver.waitFor('/redo', seen + 1)).slice(seen);
    expect(again.headers['webhook-id']).toBe(failed.id);
    expect(verified(again, secret).ok).toBe(true);
    const delivered = await waitForDelivery(op, 'delivered');
    expect(delivered).toMatchObject({ id: failed.id, attempts: failed.attempts + 1 });

    // Another operator's delivery is not this one's to name; a malformed id names the field.
    const other = await newOperator('redo-other');
    const foreign = await env.api
      .http()
      .post(`${callbackPath('redo-other')}/deliveries/${failed.id}/redeliver`)
      .set(asOperator(other));
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('delivery_not_found');
    const malformed = await redeliver('nonsense');
    expect(malformed.status).toBe(422);
    expect(malformed.body.errors[0].field).toBe('delivery');

    // With callbacks stopped there is nowhere to send it.
    await env.api.http().delete(callbackPath('redo-op')).set(asOperator(op)).expect(200);
    const stopped = await redeliver(failed.id);
    expect(stopped.status).toBe(409);
    expect(stopped.body.code).toBe('callback_stopped');
  });

  it('pages the deliveries newest first by cursor', async () => {
    const op = await newOperator('pages-op');
    await setCallback(op, '/pages');
    await env.bindResident('wx-cb-pia', op, 'pia');
    for (let i = 1; i <= 3; i++) {
      await env.push(op, metroRide(`pages-${i}`, 'pia', { minutesAgo: 300 - 60 * i })).expect(202);
      await waitForResult('/pages', `pages-${i}`);
    }
    const page = (query: Record<string, string | number>) =>
      env.api
        .http()
        .get(`${callbackPath('pages-op')}/deliveries`)
        .query(query)
        .set(asOperator(op));
    const first = await page({ limit: 2 });
    expect(first.body.deliveries.map((d: { eventIds: string[] }) => d.eventIds)).toEqual([
      ['pages-3'],
      ['pages-2'],
    ]);
    expect(first.body.next).toBe(first.body.deliveries[1].id);
    const second = await page({ limit: 2, after: first.body.next });
    expect(second.body.deliveries.map((d: { eventIds: string[] }) => d.eventIds)).toEqual([
      ['pages-1'],
    ]);
    expect(second.body.next).toBeNull();
  });

  it('stops callbacks when the receiver answers 410, until the URL is set again', async () => {
    const op = await newOperator('gone-op');
    await setCallback(op, '/gone');
    receiver.script('/gone', [410]);
    await env.bindResident('wx-cb-gus', op, 'gus');
    await env.push(op, metroRide('gone-1', 'gus', { minutesAgo: 200 })).expect(202);

    const failed = await waitForDelivery(op, 'failed');
    expect(failed).toMatchObject({ attempts: 1, lastStatusCode: 410 });
    const shown = await env.api.http().get(callbackPath('gone-op')).set(asOperator(op));
    expect(shown.body).toMatchObject({
      active: false,
      disabledReason: expect.stringMatching(/410/),
    });

    await env.push(op, metroRide('gone-2', 'gus', { minutesAgo: 100 })).expect(202);
    await env.processed();
    expect((await env.statusOf(op, 'gone-2')).status).toBe('credited');
    await sleep(500);
    expect(receiver.on('/gone')).toHaveLength(1);
    expect(await deliveriesOf(op)).toHaveLength(1);

    const resumed = await env.api
      .http()
      .put(callbackPath('gone-op'))
      .set(asOperator(op))
      .send({ url: receiver.url('/gone') });
    expect(resumed.body).toMatchObject({ active: true, secret: null });
    await env.push(op, metroRide('gone-3', 'gus', { minutesAgo: 50 })).expect(202);
    expect(await waitForResult('/gone', 'gone-3')).toMatchObject({ status: 'credited' });
  });

  it('stops through DELETE, cancelling what was waiting', async () => {
    const op = await newOperator('stop-op');
    await setCallback(op, '/stop');
    receiver.script('/stop', Array<Answer>(50).fill(503));
    await env.bindResident('wx-cb-sal', op, 'sal');
    await env.push(op, metroRide('stop-1', 'sal')).expect(202);
    await receiver.waitFor('/stop', 1);

    const stopped = await env.api.http().delete(callbackPath('stop-op')).set(asOperator(op));
    expect(stopped.status).toBe(200);
    expect(stopped.body).toMatchObject({
      active: false,
      disabledReason: 'stopped through the API',
    });
    const [cancelled] = await deliveriesOf(op, 'cancelled');
    expect(cancelled.eventIds).toEqual(['stop-1']);
    await sleep(200); // an attempt already on its way when the DELETE landed
    const seen = receiver.on('/stop').length;
    await sleep(1000);
    expect(receiver.on('/stop')).toHaveLength(seen);
  });

  it('signs with the new secret and, for the grace period, the previous one after a rotation', async () => {
    const op = await newOperator('rotate-op');
    const old = await setCallback(op, '/rotate');
    const rotated = await env.api
      .http()
      .post(`${callbackPath('rotate-op')}/rotate-secret`)
      .set(asOperator(op));
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(old);
    expect(rotated.body.previousSecretValidUntil).toEqual(expect.any(String));

    await env.bindResident('wx-cb-rot', op, 'rot');
    await env.push(op, metroRide('rotate-1', 'rot')).expect(202);
    const [call] = await receiver.waitFor('/rotate', 1);
    expect(verified(call, rotated.body.secret).ok).toBe(true);
    expect(verified(call, old).ok).toBe(true);
  });

  it('still delivers when Redis loses the wake-up jobs: the sweeper finds what is due', async () => {
    const op = await newOperator('lost-op');
    await setCallback(op, '/lost');
    receiver.script('/lost', [500]);
    await env.bindResident('wx-cb-lou', op, 'lou');
    await env.push(op, metroRide('lost-1', 'lou')).expect(202);
    await receiver.waitFor('/lost', 1);
    // The retry's delayed wake-up job lives in Redis: drop every key of this file's queues.
    const redis = new IORedis(TEST_REDIS_URL);
    try {
      const keys = await redis.keys(`${env.api.db.env.QUEUE_PREFIX}*`);
      if (keys.length > 0) await redis.del(...keys);
    } finally {
      redis.disconnect();
    }
    expect(await waitForDelivery(op, 'delivered')).toMatchObject({
      attempts: 2,
      eventIds: ['lost-1'],
    });
  });
});

describe('exactly once', () => {
  it('writes no delivery for a batch that rolls back, and no status without its delivery', async () => {
    const metro = env.operators.metro;
    await env.bindResident('wx-cb-rae', metro, 'rae');
    const deliveries = async () =>
      Number((await env.db.query('SELECT COUNT(*) AS n FROM callback_deliveries'))[0].n);
    const before = await deliveries();
    // The outbox refuses every row: the batch that decides this event must roll back whole.
    await env.db.query(
      `CREATE TRIGGER outbox_down BEFORE INSERT ON callback_delivery_events FOR EACH ROW
         SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'outbox down (test)'`,
    );
    try {
      await env.push(metro, metroRide('cb-rollback', 'rae', { minutesAgo: 500 })).expect(202);
      await sleep(3000);
      expect(await env.statusOf(metro, 'cb-rollback')).toMatchObject({
        status: 'accepted',
        reduction_mg: null,
      });
      expect(await deliveries()).toBe(before);
    } finally {
      await env.db.query('DROP TRIGGER outbox_down');
    }
    expect(await waitForResult('/metro', 'cb-rollback')).toMatchObject({ status: 'credited' });
  });

  it('holds one delivery row per decided event of an operator with a callback, never two', async () => {
    await env.processed();
    const [decided] = await env.db.query(
      `SELECT COUNT(*) AS n FROM inbox_events
        WHERE operator_id = ? AND status NOT IN ('accepted', 'pending_binding')`,
      [env.operators.metro.participant.id],
    );
    const [outbox] = await env.db.query(
      `SELECT COUNT(*) AS n FROM callback_delivery_events i
         JOIN inbox_events e ON e.id = i.inbox_event_id WHERE e.operator_id = ?`,
      [env.operators.metro.participant.id],
    );
    expect(Number(outbox.n)).toBe(Number(decided.n));
    expect(Number(decided.n)).toBe(11);
    expect(
      await env.db.query(
        'SELECT inbox_event_id FROM callback_delivery_events GROUP BY inbox_event_id HAVING COUNT(*) > 1',
      ),
    ).toEqual([]);
  });
});
