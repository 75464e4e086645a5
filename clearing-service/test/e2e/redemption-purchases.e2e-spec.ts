/**
 * Buying an offer in the 兑换 shop from the resident's own session (docs/redemption.md): a hold of
 * its price on the accepted issuers' lots, one item out of its stock, counted against its daily
 * limit per resident; a void or an expiry puts the item back and gives the day's allowance back; the
 * merchant captures it like any hold. The resident reads their redemptions, newest first, their own
 * only. Real MariaDB, Redis, api and worker.
 */
import { PURCHASE_TTL_SECONDS } from '@tanlian/sdk';
import { LedgerCheck } from '../../src/invariants/ledger-check';
import { ResidentSessionsService } from '../../src/residents/services/resident-sessions.service';
import { EarnEnv, metroRide } from '../support/earn-env';
import { seedMerchant } from '../support/tenancy-fixtures';
import { bearer } from '../support/test-app';

let env: EarnEnv;
let meiId: number;
let mei: string;
let kai: string;
let cafe: { code: string; token: string };
let keys = 0;

beforeAll(async () => {
  env = await EarnEnv.start('purchases', { AUDIT_INTEGRATE_INTERVAL_MS: '100' });
  await env.startWorker();
  meiId = await env.bindResident('wx-mei', env.operators.metro, 'mei');
  const kaiId = await env.bindResident('wx-kai', env.operators.metro, 'kai');
  for (const [ride, user, minutesAgo] of [
    ['m-1', 'mei', 300],
    ['m-2', 'mei', 200],
    ['k-1', 'kai', 250],
  ] as const) {
    await env.push(env.operators.metro, metroRide(ride, user, { minutesAgo })).expect(202);
  }
  await env.processed();
  const sessions = env.api.app.get(ResidentSessionsService);
  mei = (await sessions.open(meiId)).token;
  kai = (await sessions.open(kaiId)).token;
  const seeded = await seedMerchant(env.api.app, env.program, 'cafe');
  cafe = { code: 'cafe', token: seeded.token };
});
afterAll(() => env.stop());

const base = () => `/v1/programs/${env.program.code}`;

async function balance(token = mei): Promise<number> {
  const res = await env.api.http().get(`${base()}/residents/me/account`).set(bearer(token));
  expect(res.status).toBe(200);
  return Number(res.body.points.balance);
}

async function offer(code: string, terms: object = {}): Promise<void> {
  const res = await env.api
    .http()
    .post(`${base()}/participants/${cafe.code}/offers`)
    .set(bearer(cafe.token))
    .send({
      code,
      title: `${code} title`,
      pricePoints: 2,
      validFrom: '2026-01-01T00:00:00+08:00',
      validUntil: '2036-01-01T00:00:00+08:00',
      ...terms,
    });
  expect(res.status).toBe(201);
}

async function stock(code: string): Promise<number | null> {
  const [row]: { stock: number | null }[] = await env.db.query(
    'SELECT stock FROM merchant_offers WHERE code = ?',
    [code],
  );
  return row.stock === null ? null : Number(row.stock);
}

function buy(body: object, token = mei, key = `buy-${++keys}`) {
  return env.api
    .http()
    .post(`${base()}/residents/me/purchases`)
    .set(bearer(token))
    .set('idempotency-key', key)
    .send(body);
}

function merchantPost(path: string) {
  return env.api
    .http()
    .post(`${base()}/participants/${cafe.code}/redemptions/${path}`)
    .set(bearer(cafe.token))
    .set('idempotency-key', `m-${++keys}`)
    .send({});
}

const mine = (id: string, token = mei) =>
  env.api.http().get(`${base()}/residents/me/redemptions/${id}`).set(bearer(token));

it('buys an offer: a hold of its price for a day, which the merchant captures when it hands it over', async () => {
  await offer('latte', { pricePoints: 3, stock: 5 });
  const before = await balance();
  const bought = await buy({ merchant: 'cafe', offer: 'latte' });
  expect(bought.status).toBe(201);
  expect(bought.body).toMatchObject({
    status: 'held',
    merchant: 'cafe',
    offer: { code: 'latte', title: 'latte title' },
    heldPoints: 3,
    capturedPoints: 0,
    allocations: [{ issuer: 'metro', heldPoints: 3 }],
  });
  expect(bought.body).not.toHaveProperty('merchantOrderId');
  const ttl = Date.parse(bought.body.expiresAt) - Date.parse(bought.body.createdAt);
  expect(ttl).toBe(PURCHASE_TTL_SECONDS * 1000);
  expect(await balance()).toBe(before - 3);
  expect(await stock('latte')).toBe(4);

  const captured = await merchantPost(`${bought.body.id}/capture`);
  expect(captured.status).toBe(200);
  expect(captured.body).toMatchObject({ status: 'captured', offer: { code: 'latte' } });
  const polled = await mine(bought.body.id);
  expect(polled.status).toBe(200);
  expect(polled.body).toMatchObject({ status: 'captured', capturedPoints: 3 });
  expect(await balance()).toBe(before - 3);
  expect(await stock('latte')).toBe(4); // a capture keeps the item sold
});

it('sells the last item once; a void puts it back on sale', async () => {
  await offer('scone', { stock: 1 });
  const first = await buy({ merchant: 'cafe', offer: 'scone' });
  expect(first.status).toBe(201);
  expect(await stock('scone')).toBe(0);
  const sold = await buy({ merchant: 'cafe', offer: 'scone' }, kai);
  expect(sold.status).toBe(409);
  expect(sold.body.code).toBe('offer_out_of_stock');
  expect((await merchantPost(`${first.body.id}/void`)).status).toBe(200);
  expect(await stock('scone')).toBe(1);
  expect((await buy({ merchant: 'cafe', offer: 'scone' }, kai)).status).toBe(201);
  expect(await stock('scone')).toBe(0);
});

it('sells the last items exactly once to purchases racing for them', async () => {
  await offer('muffin', { stock: 3, pricePoints: 1 });
  const before = (await balance(mei)) + (await balance(kai));
  const racing = await Promise.all(
    Array.from({ length: 10 }, (_, i) =>
      buy({ merchant: 'cafe', offer: 'muffin' }, i % 2 ? kai : mei),
    ),
  );
  const statuses = racing.map((r) => r.status).sort();
  expect(statuses).toEqual([...Array(3).fill(201), ...Array(7).fill(409)]);
  expect(await stock('muffin')).toBe(0);
  expect((await balance(mei)) + (await balance(kai))).toBe(before - 3);
});

it("counts each resident's purchases per day against the limit; a void gives one back", async () => {
  await offer('tea', { limitPerResidentPerDay: 1, pricePoints: 1 });
  const first = await buy({ merchant: 'cafe', offer: 'tea' });
  expect(first.status).toBe(201);
  const second = await buy({ merchant: 'cafe', offer: 'tea' });
  expect(second.status).toBe(409);
  expect(second.body.code).toBe('offer_limit_reached');
  // Another resident has an allowance of their own.
  expect((await buy({ merchant: 'cafe', offer: 'tea' }, kai)).status).toBe(201);
  expect((await merchantPost(`${first.body.id}/void`)).status).toBe(200);
  expect((await buy({ merchant: 'cafe', offer: 'tea' })).status).toBe(201);
});

it('puts the item back and the allowance back when a purchase expires uncollected', async () => {
  await offer('cake', { stock: 1, limitPerResidentPerDay: 1, pricePoints: 1 });
  const before = await balance();
  const bought = await buy({ merchant: 'cafe', offer: 'cake' });
  expect(bought.status).toBe(201);
  await env.db.query(
    'UPDATE redemptions SET expires_at = NOW(3) - INTERVAL 1 SECOND WHERE public_id = ?',
    [bought.body.id],
  );
  const deadline = Date.now() + 15_000;
  let status = 'held';
  while (status === 'held' && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    status = (await mine(bought.body.id)).body.status;
  }
  expect(status).toBe('expired');
  expect(await stock('cake')).toBe(1);
  expect(await balance()).toBe(before);
  expect((await buy({ merchant: 'cafe', offer: 'cake' })).status).toBe(201);
});

it('takes only the accepted issuers’ points, and says which failure it is', async () => {
  await offer('bike-deal', { acceptedIssuers: ['bike'], pricePoints: 1 });
  const notAccepted = await buy({ merchant: 'cafe', offer: 'bike-deal' });
  expect(notAccepted.status).toBe(422);
  expect(notAccepted.body.code).toBe('issuer_not_accepted');
  await offer('yacht', { pricePoints: 1_000_000 });
  const tooDear = await buy({ merchant: 'cafe', offer: 'yacht' });
  expect(tooDear.status).toBe(422);
  expect(tooDear.body.code).toBe('insufficient_points');
  await offer('metro-deal', { acceptedIssuers: ['metro'], pricePoints: 1 });
  const ok = await buy({ merchant: 'cafe', offer: 'metro-deal' });
  expect(ok.status).toBe(201);
  expect(ok.body.allocations.map((a: { issuer: string }) => a.issuer)).toEqual(['metro']);
});

it('refuses an offer that is not on sale, naming the field, and stores nothing under the key', async () => {
  await offer('later', { validFrom: '2035-01-01T00:00:00+08:00' });
  await offer('gone');
  const withdrawn = await env.api
    .http()
    .patch(`${base()}/participants/${cafe.code}/offers/gone`)
    .set(bearer(cafe.token))
    .send({ status: 'withdrawn' });
  expect(withdrawn.status).toBe(200);
  for (const [body, field] of [
    [{ merchant: 'cafe', offer: 'later' }, 'offer'],
    [{ merchant: 'cafe', offer: 'gone' }, 'offer'],
    [{ merchant: 'cafe', offer: 'nowhere' }, 'offer'],
    [{ merchant: 'metro', offer: 'latte' }, 'merchant'],
    [{ merchant: 'nobody', offer: 'latte' }, 'merchant'],
  ] as const) {
    const res = await buy(body, mei, 'not-on-sale');
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
  }
  // Nothing was stored under the key: it still buys.
  const res = await buy({ merchant: 'cafe', offer: 'latte' }, mei, 'not-on-sale');
  expect(res.status).toBe(201);
});

it("lists the resident's redemptions newest first by pages, and never another's", async () => {
  const all: string[] = [];
  let after: string | null = null;
  do {
    const res: { status: number; body: { redemptions: { id: string }[]; next: string | null } } =
      await env.api
        .http()
        .get(`${base()}/residents/me/redemptions`)
        .query({ limit: 2, ...(after ? { after } : {}) })
        .set(bearer(mei));
    expect(res.status).toBe(200);
    expect(res.body.redemptions.length).toBeLessThanOrEqual(2);
    all.push(...res.body.redemptions.map((r: { id: string }) => r.id));
    after = res.body.next;
  } while (after);
  const created: { public_id: string }[] = await env.db.query(
    'SELECT public_id FROM redemptions WHERE resident_id = ? ORDER BY id DESC',
    [meiId],
  );
  expect(created.length).toBeGreaterThan(4);
  expect(all).toEqual(created.map((r) => r.public_id));
  // Kai's own list holds none of Mei's, and Mei's ids answer Kai 404 like missing ones.
  const kais = await env.api.http().get(`${base()}/residents/me/redemptions`).set(bearer(kai));
  expect(kais.body.redemptions.map((r: { id: string }) => r.id)).not.toContain(all[0]);
  const foreign = await mine(all[0], kai);
  expect(foreign.status).toBe(404);
  expect((await mine('rd_0000000000000000', kai)).body).toEqual(foreign.body);
  expect(await new LedgerCheck(env.db).run(env.program.code)).toMatchObject({ ok: true });
});

it("lists a merchant's redemptions newest first, by status, and no other merchant's", async () => {
  const list = (query: object, merchant = cafe.code, token = cafe.token) =>
    env.api
      .http()
      .get(`${base()}/participants/${merchant}/redemptions`)
      .query(query)
      .set(bearer(token));
  const ids: string[] = [];
  let after: string | undefined;
  for (;;) {
    const res = await list({ limit: 3, ...(after ? { after } : {}) });
    expect(res.status).toBe(200);
    ids.push(...res.body.redemptions.map((r: { id: string }) => r.id));
    if (!res.body.next) break;
    after = res.body.next;
  }
  const rows: { public_id: string; status: string }[] = await env.db.query(
    'SELECT public_id, status FROM redemptions WHERE merchant_id = ? ORDER BY id DESC',
    [(await env.db.query("SELECT id FROM participants WHERE code = 'cafe'"))[0].id],
  );
  expect(ids).toEqual(rows.map((r) => r.public_id));
  const captured = await list({ status: 'captured' });
  expect(captured.body.redemptions.map((r: { id: string }) => r.id)).toEqual(
    rows.filter((r) => r.status === 'captured').map((r) => r.public_id),
  );
  expect(captured.body.redemptions.length).toBeGreaterThan(0);
  const bad = await list({ status: 'lost', limit: 0 });
  expect(bad.status).toBe(422);
  expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
    'limit',
    'status',
  ]);
  // Another merchant: its own list is empty, and cafe's answers it 403 or 404, never a row.
  const books = await seedMerchant(env.api.app, env.program, 'books');
  const own = await list({}, 'books', books.token);
  expect(own.status).toBe(200);
  expect(own.body.redemptions).toEqual([]);
  const foreign = await list({}, cafe.code, books.token);
  expect([403, 404]).toContain(foreign.status);
  expect(foreign.body.redemptions).toBeUndefined();
});
