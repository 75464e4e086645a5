/** The program's public catalog: live offers only, with their merchants and stores; and the purchase step's lock. */
import { DataSource } from 'typeorm';
import { lockLiveOffer } from '../../src/merchants/services/offers-store';
import type { Participant } from '../../src/tenancy/entities/participant.entity';
import { bearer, startTestApi, TestApi } from '../support/test-app';
import {
  seedMerchant,
  seedTenancy,
  TenancyFixture,
  type ProgramFixture,
} from '../support/tenancy-fixtures';

let api: TestApi;
let t: TenancyFixture;
let kiosk: { merchant: Participant; token: string };

const ALWAYS = { validFrom: '2020-01-01T00:00:00Z', validUntil: '2099-01-01T00:00:00Z' };

const offersPath = (f: ProgramFixture, merchant: string) =>
  `/v1/programs/${f.program.code}/participants/${merchant}/offers`;

async function addOffer(
  code: string,
  terms: object = {},
  f = t.a,
  merchant = f.merchant.code,
  token = f.tokens.merchant,
) {
  const res = await api
    .http()
    .post(offersPath(f, merchant))
    .set(bearer(token))
    .send({ code, title: `${code} title`, pricePoints: 50, ...ALWAYS, ...terms });
  expect(res.status).toBe(201);
}

const catalog = (query = '', program = t.a.program.code) =>
  api.http().get(`/v1/programs/${program}/offers${query}`);
const codes = (res: { body: { offers: { code: string }[] } }) => res.body.offers.map((o) => o.code);

beforeAll(async () => {
  api = await startTestApi('offer-catalog');
  t = await seedTenancy(api.app);
  // A second merchant of program A, with no store.
  kiosk = await seedMerchant(api.app, t.a.program, 'alpha-kiosk');

  for (const [code, district] of [
    ['futian-2', '440304'],
    ['futian-1', '440304'],
  ])
    await api
      .http()
      .post(`/v1/programs/${t.a.program.code}/participants/${t.a.merchant.code}/stores`)
      .set(bearer(t.a.tokens.merchant))
      .send({ code, name: `cafe ${code}`, district })
      .expect(201);

  await addOffer('unlimited');
  await addOffer('three-left', {
    stock: 3,
    limitPerResidentPerDay: 1,
    acceptedIssuers: [t.a.operator.code],
  });
  await addOffer('withdrawn');
  await api
    .http()
    .patch(`${offersPath(t.a, t.a.merchant.code)}/withdrawn`)
    .set(bearer(t.a.tokens.merchant))
    .send({ status: 'withdrawn' })
    .expect(200);
  await addOffer('not-yet', {
    validFrom: new Date(Date.now() + 86_400_000).toISOString(),
    validUntil: '2099-01-01T00:00:00Z',
  });
  await addOffer('expired', {
    validFrom: '2020-01-01T00:00:00Z',
    validUntil: '2021-01-01T00:00:00Z',
  });
  await addOffer('sold-out', { stock: 0 });
  await addOffer('kiosk-tea', {}, t.a, kiosk.merchant.code, kiosk.token);
  await addOffer('beta-only', {}, t.b);
});
afterAll(() => api.close());

describe('the public catalog', () => {
  it('lists live offers only, with no key: active, in their window and in stock', async () => {
    const res = await catalog();
    expect(res.status).toBe(200);
    expect(codes(res)).toEqual(['unlimited', 'three-left', 'kiosk-tea']);
    expect(res.body.next).toBeNull();
  });

  it('shows each offer with its merchant’s code, name and stores, and its terms', async () => {
    const res = await catalog();
    const [unlimited, threeLeft, tea] = res.body.offers;
    expect(threeLeft).toEqual({
      merchant: {
        code: t.a.merchant.code,
        name: t.a.merchant.name,
        stores: [
          { code: 'futian-1', name: 'cafe futian-1', district: '440304' },
          { code: 'futian-2', name: 'cafe futian-2', district: '440304' },
        ],
      },
      code: 'three-left',
      title: 'three-left title',
      description: null,
      pricePoints: '50',
      stock: 3,
      validFrom: '2020-01-01T00:00:00.000Z',
      validUntil: '2099-01-01T00:00:00.000Z',
      limitPerResidentPerDay: 1,
      acceptedIssuers: [t.a.operator.code],
    });
    expect(unlimited).toMatchObject({ stock: null, acceptedIssuers: 'all' });
    expect(tea.merchant).toEqual({ code: 'alpha-kiosk', name: 'alpha kiosk', stores: [] });
    // Program B's offer is B's catalog only.
    expect(codes(await catalog('', t.b.program.code))).toEqual(['beta-only']);
  });

  it('pages with after and next, to the end', async () => {
    const first = await catalog('?limit=2');
    expect(codes(first)).toEqual(['unlimited', 'three-left']);
    expect(first.body.next).toEqual(expect.any(Number));
    const second = await catalog(`?limit=2&after=${first.body.next}`);
    expect(codes(second)).toEqual(['kiosk-tea']);
    expect(second.body.next).toBeNull();
  });

  it('drops an offer whose window ends, by the database clock', async () => {
    await addOffer('flash', {
      validFrom: '2020-01-01T00:00:00Z',
      validUntil: new Date(Date.now() + 2500).toISOString(),
    });
    expect(codes(await catalog())).toContain('flash');
    const [{ wait }] = await api.app
      .get(DataSource)
      .query(
        "SELECT GREATEST(0, TIMESTAMPDIFF(MICROSECOND, UTC_TIMESTAMP(3), valid_until)) / 1000 AS wait FROM merchant_offers WHERE code = 'flash'",
      );
    await new Promise((resolve) => setTimeout(resolve, Number(wait) + 100));
    expect(codes(await catalog())).not.toContain('flash');
  });

  it('answers an unknown program 404 and a bad query 422 naming the fields', async () => {
    const missing = await catalog('', 'nowhere');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('program_not_found');
    const bad = await catalog('?limit=500&after=-1');
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'after',
      'limit',
    ]);
  });
});

describe('lockLiveOffer (for the purchase step)', () => {
  it('reads a live offer under a row lock, and no offer that is not live', async () => {
    const ds = api.app.get(DataSource);
    const holder = ds.createQueryRunner();
    const waiter = ds.createQueryRunner();
    try {
      await holder.startTransaction();
      const live = await lockLiveOffer(holder.manager, t.a.merchant.id, 'three-left');
      expect(live).toMatchObject({ code: 'three-left', stock: 3 });
      for (const code of ['withdrawn', 'not-yet', 'expired', 'sold-out', 'missing'])
        expect(await lockLiveOffer(holder.manager, t.a.merchant.id, code)).toBeNull();
      // Another merchant's offer by the same code is not this merchant's.
      expect(await lockLiveOffer(holder.manager, kiosk.merchant.id, 'three-left')).toBeNull();

      // A second purchase of the same offer waits for the first one's transaction.
      await waiter.query('SET SESSION innodb_lock_wait_timeout = 1');
      await waiter.startTransaction();
      await expect(lockLiveOffer(waiter.manager, t.a.merchant.id, 'three-left')).rejects.toThrow(
        /Lock wait timeout/,
      );
      await holder.commitTransaction();
      expect(await lockLiveOffer(waiter.manager, t.a.merchant.id, 'three-left')).toMatchObject({
        code: 'three-left',
      });
      await waiter.commitTransaction();
    } finally {
      await holder.release();
      await waiter.release();
    }
  });
});
