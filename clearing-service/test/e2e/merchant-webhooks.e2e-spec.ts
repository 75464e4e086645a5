/**
 * Merchant webhooks (issue 13): a merchant with a callback gets `redemption.held`, `.captured`,
 * `.voided`, `.expired` and `refund.succeeded`, each written through the callbacks outbox in the
 * transaction of its effect, signed as a Standard Webhook and retried with backoff like an
 * operator's results. Real MariaDB, Redis, worker and a local receiver.
 */
import { RedemptionEventPayload } from '@tanlian/sdk';
import { ResidentSessionsService } from '../../src/residents/services/resident-sessions.service';
import {
  FAST,
  Receiver,
  startWorkerWithPolicy,
  verified,
  type Received,
} from '../support/callback-receiver';
import { EarnEnv, metroRide } from '../support/earn-env';
import { seedMerchant } from '../support/tenancy-fixtures';
import { bearer } from '../support/test-app';

jest.setTimeout(60_000);

let env: EarnEnv;
let receiver: Receiver;
let mei: string;
let cafe: { code: string; token: string };
let books: { code: string; token: string };
let secret: string;
let keys = 0;

beforeAll(async () => {
  env = await EarnEnv.start('merchant-webhooks');
  receiver = await Receiver.start();
  await startWorkerWithPolicy(env, FAST);
  const meiId = await env.bindResident('wx-mei', env.operators.metro, 'mei');
  await env.push(env.operators.metro, metroRide('m-1', 'mei', { minutesAgo: 200 })).expect(202);
  await env.processed();
  mei = (await env.api.app.get(ResidentSessionsService).open(meiId)).token;
  for (const code of ['cafe', 'books']) {
    const seeded = await seedMerchant(env.api.app, env.program, code);
    if (code === 'cafe') cafe = { code, token: seeded.token };
    else books = { code, token: seeded.token };
  }
  const set = await env.api
    .http()
    .put(`${base()}/participants/cafe/callback`)
    .set(bearer(cafe.token))
    .send({ url: receiver.url('/cafe') });
  expect(set.status).toBe(200);
  secret = set.body.secret;
});
afterAll(async () => {
  await env.stop();
  await receiver.close();
});

const base = () => `/v1/programs/${env.program.code}`;

async function code(): Promise<string> {
  const res = await env.api
    .http()
    .post(`${base()}/residents/me/redemption-codes`)
    .set(bearer(mei))
    .send({});
  return res.body.code;
}

function post(path: string, body: object, merchant = cafe) {
  return env.api
    .http()
    .post(`${base()}/participants/${merchant.code}/redemptions${path}`)
    .set(bearer(merchant.token))
    .set('idempotency-key', `key-${++keys}`)
    .send(body);
}

/** The verified payloads received for one redemption, in the order they arrived. */
function eventsOf(redemption: string): RedemptionEventPayload[] {
  return receiver
    .on('/cafe')
    .map((r: Received) => {
      expect(verified(r, secret).ok).toBe(true);
      return RedemptionEventPayload.parse(JSON.parse(r.body));
    })
    .filter((p) => p.redemption.id === redemption);
}

async function waitForEvents(redemption: string, n: number): Promise<RedemptionEventPayload[]> {
  const deadline = Date.now() + 20_000;
  while (eventsOf(redemption).length < n && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 50));
  return eventsOf(redemption);
}

it('tells the merchant of a hold, its capture and each refund, signed, each as it stood', async () => {
  const held = await post('', { code: await code(), points: 5, merchantOrderId: 'o-1' });
  expect(held.status).toBe(201);
  const id = held.body.id;
  const captured = await post(`/${id}/capture`, { points: 4 });
  expect(captured.status).toBe(200);
  const refunded = await post(`/${id}/refunds`, { refundId: 'r-1', points: 1 });
  expect(refunded.status).toBe(200);
  const events = await waitForEvents(id, 3);
  expect(events.map((e) => e.type).sort()).toEqual(
    ['redemption.captured', 'redemption.held', 'refund.succeeded'].sort(),
  );
  const byType = new Map(events.map((e) => [e.type, e]));
  expect(byType.get('redemption.held')).toMatchObject({
    program: env.program.code,
    participant: 'cafe',
    redemption: held.body,
  });
  expect(byType.get('redemption.captured')!.redemption).toEqual(captured.body);
  expect(byType.get('refund.succeeded')).toMatchObject({
    redemption: refunded.body,
    refund: { refundId: 'r-1', points: 1 },
  });
  // The same refund id again has no second effect, and no second webhook.
  expect((await post(`/${id}/refunds`, { refundId: 'r-1', points: 1 })).status).toBe(200);
  const [{ n }]: { n: string }[] = await env.db.query(
    "SELECT COUNT(*) AS n FROM callback_deliveries WHERE type = 'refund.succeeded' AND payload LIKE ?",
    [`%${id}%`],
  );
  expect(Number(n)).toBe(1);
});

it('tells of a void, of an expiry by the sweeper, and of a purchase in the shop', async () => {
  const voided = await post('', { code: await code(), points: 1 });
  await post(`/${voided.body.id}/void`, {}).expect(200);
  const expiring = await post('', { code: await code(), points: 1, ttlSeconds: 60 });
  await env.db.query(
    'UPDATE redemptions SET expires_at = NOW(3) - INTERVAL 1 SECOND WHERE public_id = ?',
    [expiring.body.id],
  );
  expect((await waitForEvents(voided.body.id, 2)).map((e) => e.type)).toContain(
    'redemption.voided',
  );
  const expired = await waitForEvents(expiring.body.id, 2);
  expect(expired.find((e) => e.type === 'redemption.expired')!.redemption.status).toBe('expired');

  const offer = await env.api
    .http()
    .post(`${base()}/participants/cafe/offers`)
    .set(bearer(cafe.token))
    .send({
      code: 'latte',
      title: 'Latte',
      pricePoints: 1,
      validFrom: '2026-01-01T00:00:00+08:00',
      validUntil: '2036-01-01T00:00:00+08:00',
    });
  expect(offer.status).toBe(201);
  const bought = await env.api
    .http()
    .post(`${base()}/residents/me/purchases`)
    .set(bearer(mei))
    .set('idempotency-key', 'buy-1')
    .send({ merchant: 'cafe', offer: 'latte' });
  expect(bought.status).toBe(201);
  const [held] = await waitForEvents(bought.body.id, 1);
  expect(held).toMatchObject({ type: 'redemption.held', redemption: { offer: { code: 'latte' } } });
});

it('writes no webhook for what did not happen, nor to a merchant without a callback', async () => {
  const before = await env.db.query('SELECT COUNT(*) AS n FROM callback_deliveries');
  // A failed hold rolls back with its delivery.
  const refused = await post('', { code: await code(), points: 1_000_000 });
  expect(refused.body.code).toBe('insufficient_points');
  // Books has no callback: its hold, capture and void are written, and no delivery.
  const codeForBooks = await code();
  const held = await post('', { code: codeForBooks, points: 1 }, books);
  expect(held.status).toBe(201);
  expect((await post(`/${held.body.id}/void`, {}, books)).status).toBe(200);
  expect(await env.db.query('SELECT COUNT(*) AS n FROM callback_deliveries')).toEqual(before);
});

it('retries a webhook the merchant did not take, under the same webhook-id, and lists it', async () => {
  // Earlier deliveries done first: the scripted answers are then this hold's.
  for (let pending = 1; pending > 0;) {
    const [{ n }]: { n: string }[] = await env.db.query(
      "SELECT COUNT(*) AS n FROM callback_deliveries WHERE status = 'pending'",
    );
    pending = Number(n);
    if (pending > 0) await new Promise((r) => setTimeout(r, 50));
  }
  receiver.script('/cafe', [500, 500]);
  const held = await post('', { code: await code(), points: 1 });
  const deadline = Date.now() + 20_000;
  while (receiver.on('/cafe').filter((r) => r.body.includes(held.body.id)).length < 3) {
    if (Date.now() > deadline) throw new Error('no third attempt');
    await new Promise((r) => setTimeout(r, 50));
  }
  const attempts = receiver.on('/cafe').filter((r) => r.body.includes(held.body.id));
  expect(new Set(attempts.map((a) => a.headers['webhook-id'])).size).toBe(1);
  expect(new Set(attempts.map((a) => a.body)).size).toBe(1);
  const listed = await env.api
    .http()
    .get(`${base()}/participants/cafe/callback/deliveries`)
    .set(bearer(cafe.token));
  expect(listed.status).toBe(200);
  const delivery = listed.body.deliveries.find(
    (d: { id: string }) => d.id === attempts[0].headers['webhook-id'],
  );
  for (let i = 0; i < 100 && delivery?.status !== 'delivered'; i++) {
    await new Promise((r) => setTimeout(r, 50));
    const again = await env.api
      .http()
      .get(`${base()}/participants/cafe/callback/deliveries`)
      .set(bearer(cafe.token));
    Object.assign(
      delivery,
      again.body.deliveries.find((d: { id: string }) => d.id === delivery.id),
    );
  }
  expect(delivery).toMatchObject({ type: 'redemption.held', status: 'delivered', attempts: 3 });
  // Another merchant never sees cafe's deliveries.
  const foreign = await env.api
    .http()
    .get(`${base()}/participants/cafe/callback/deliveries`)
    .set(bearer(books.token));
  expect([403, 404]).toContain(foreign.status);
});
