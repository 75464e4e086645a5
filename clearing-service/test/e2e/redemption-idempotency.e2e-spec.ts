/**
 * Idempotency of the shop and the till (issue 13's list, Stripe's semantics), on the real MariaDB:
 * keys are scoped to the principal and the route; the same key and body replay the stored answer
 * (`Idempotent-Replayed: true`), business failures included, even after their cause is gone (a
 * top-up); another body is 409 `idempotency_key_reused`; answers given before any effect (bad
 * input, 401) are not stored; duplicates arriving while the first runs never run twice.
 */
import { ShopEnv } from '../support/shop-env';
import { bearer } from '../support/test-app';

let shop: ShopEnv;
let mei: string;
let kai: string;

beforeAll(async () => {
  shop = await ShopEnv.start('redemption-idempotency');
  mei = await shop.resident('mei', 1);
  kai = await shop.resident('kai', 1);
  await shop.cafe();
  await shop.offer('latte', { stock: 100 });
});
afterAll(() => shop.env.stop());

const latte = { merchant: 'cafe', offer: 'latte' };

it('replays the same key and body with the stored answer, and refuses another body', async () => {
  const before = await shop.footprint();
  const first = await shop.buy(mei, 'k-same', latte);
  expect(first.status).toBe(201);
  expect(first.headers['idempotent-replayed']).toBeUndefined();
  const again = await shop.buy(mei, 'k-same', latte);
  expect(again.status).toBe(201);
  expect(again.headers['idempotent-replayed']).toBe('true');
  expect(again.body).toEqual(first.body);
  await shop.offer('tea');
  const other = await shop.buy(mei, 'k-same', { merchant: 'cafe', offer: 'tea' });
  expect(other.status).toBe(409);
  expect(other.body.code).toBe('idempotency_key_reused');
  const after = await shop.footprint();
  expect(after.redemptions).toBe((before.redemptions as number) + 1);
});

it("scopes keys to the principal: another resident's same key is their own purchase", async () => {
  const meis = await shop.buy(mei, 'k-shared', latte);
  const kais = await shop.buy(kai, 'k-shared', latte);
  expect([meis.status, kais.status]).toEqual([201, 201]);
  expect(kais.headers['idempotent-replayed']).toBeUndefined();
  expect(kais.body.id).not.toBe(meis.body.id);
});

it('scopes keys to the route: the key of a capture is not the key of the hold', async () => {
  const bought = await shop.buy(mei, 'k-route-buy', latte);
  const capture = await shop.env.api
    .http()
    .post(`${shop.base}/participants/cafe/redemptions/${bought.body.id}/capture`)
    .set(bearer(shop.cafeToken))
    .set('idempotency-key', 'k-route')
    .send({});
  expect(capture.status).toBe(200);
  const voiding = await shop.env.api
    .http()
    .post(`${shop.base}/participants/cafe/redemptions/${bought.body.id}/void`)
    .set(bearer(shop.cafeToken))
    .set('idempotency-key', 'k-route')
    .send({});
  // Not the capture's answer replayed: the void ran, and found the hold captured.
  expect(voiding.status).toBe(409);
  expect(voiding.body.code).toBe('hold_already_captured');
  expect(voiding.headers['idempotent-replayed']).toBeUndefined();
});

it('replays a failure after its cause is gone: insufficient_points stays, after a top-up', async () => {
  const balance = await shop.balance(kai);
  await shop.offer('cake', { pricePoints: balance + 1 });
  const cake = { merchant: 'cafe', offer: 'cake' };
  const failed = await shop.buy(kai, 'k-poor', cake);
  expect(failed.status).toBe(422);
  expect(failed.body.code).toBe('insufficient_points');
  await shop.ride('kai', 1); // now kai can afford it
  expect(await shop.balance(kai)).toBeGreaterThan(balance);
  const replay = await shop.buy(kai, 'k-poor', cake);
  expect(replay.status).toBe(422);
  expect(replay.headers['idempotent-replayed']).toBe('true');
  expect(replay.body).toEqual(failed.body);
  // A new attempt takes a new key.
  expect((await shop.buy(kai, 'k-rich', cake)).status).toBe(201);
});

it('stores nothing for bad input or a missing sign-in: a retry with the key still runs', async () => {
  const bad = await shop.buy(mei, 'k-fixable', { merchant: 'cafe' });
  expect(bad.status).toBe(422);
  const unsigned = await shop.env.api
    .http()
    .post(`${shop.base}/residents/me/purchases`)
    .set('idempotency-key', 'k-fixable')
    .send(latte);
  expect(unsigned.status).toBe(401);
  const good = await shop.buy(mei, 'k-fixable', latte);
  expect(good.status).toBe(201);
  expect(good.headers['idempotent-replayed']).toBeUndefined();
});

it('runs a purchase once when its duplicates arrive while it runs', async () => {
  const before = await shop.footprint();
  const balance = await shop.balance(mei);
  const answers = await Promise.all(
    Array.from({ length: 10 }, () => shop.buy(mei, 'k-storm', latte)),
  );
  const ok = answers.filter((a) => a.status === 201);
  const busy = answers.filter((a) => a.status === 409);
  expect(ok.length + busy.length).toBe(10);
  expect(ok.length).toBeGreaterThanOrEqual(1);
  for (const a of busy) expect(a.body.code).toBe('idempotency_key_in_use');
  expect(new Set(ok.map((a) => a.body.id)).size).toBe(1);
  const after = await shop.footprint();
  expect(after.redemptions).toBe((before.redemptions as number) + 1);
  expect(await shop.balance(mei)).toBe(balance - 1);
});
