/** A merchant's stores and offers, managed over the API: create, list by pages, change; its own only. */
import { DataSource } from 'typeorm';
import type { Participant } from '../../src/tenancy/entities/participant.entity';
import { bearer, startTestApi, TestApi } from '../support/test-app';
import { seedMerchant, seedTenancy, TenancyFixture } from '../support/tenancy-fixtures';

let api: TestApi;
let t: TenancyFixture;
// A second merchant of program A, whose things the first must not reach.
let rival: { merchant: Participant; token: string };

beforeAll(async () => {
  api = await startTestApi('merchant-shop');
  t = await seedTenancy(api.app);
  rival = await seedMerchant(api.app, t.a.program, 'alpha-bakery');
});
afterAll(() => api.close());

const count = async (table: string): Promise<number> =>
  Number((await api.app.get(DataSource).query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

const base = (merchant = t.a.merchant.code) =>
  `/v1/programs/${t.a.program.code}/participants/${merchant}`;

const post = (path: string, body: object, token = t.a.tokens.merchant) =>
  api.http().post(path).set(bearer(token)).send(body);
const patch = (path: string, body: object, token = t.a.tokens.merchant) =>
  api.http().patch(path).set(bearer(token)).send(body);
const get = (path: string, token = t.a.tokens.merchant) => api.http().get(path).set(bearer(token));

const fields = (res: { body: { errors?: { field: string }[] } }) =>
  (res.body.errors ?? []).map((e) => e.field).sort();

const offer = (code: string, extra: object = {}) => ({
  code,
  title: `${code} title`,
  pricePoints: 100,
  validFrom: '2026-01-01T00:00:00+08:00',
  validUntil: '2027-01-01T00:00:00+08:00',
  ...extra,
});

describe('stores', () => {
  it('creates a store, refuses its code twice, and changes its name and district', async () => {
    const created = await post(`${base()}/stores`, {
      code: 'nanshan-1',
      name: 'Nanshan Book City',
      district: '440305',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      code: 'nanshan-1',
      name: 'Nanshan Book City',
      district: '440305',
    });

    const again = await post(`${base()}/stores`, {
      code: 'nanshan-1',
      name: 'other',
      district: '440304',
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('store_code_taken');

    const changed = await patch(`${base()}/stores/nanshan-1`, {
      name: 'Nanshan Book City (2F)',
      district: '440304',
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: 'Nanshan Book City (2F)', district: '440304' });
    // The same change again is no missing store: still 200.
    const same = await patch(`${base()}/stores/nanshan-1`, { name: 'Nanshan Book City (2F)' });
    expect(same.status).toBe(200);
    expect((await patch(`${base()}/stores/nowhere`, { name: 'x' })).body.code).toBe(
      'store_not_found',
    );
    const listed = await get(`${base()}/stores`);
    expect(listed.body.stores.find((s: { code: string }) => s.code === 'nanshan-1')).toEqual(
      same.body,
    );
  });

  it('pages stores by code with next, to the end', async () => {
    const merchant = rival.merchant.code;
    for (const code of ['s-c', 's-a', 's-b'])
      await post(
        `${base(merchant)}/stores`,
        { code, name: code, district: '440303' },
        rival.token,
      ).expect(201);
    const first = await get(`${base(merchant)}/stores?limit=2`, rival.token);
    expect(first.body.stores.map((s: { code: string }) => s.code)).toEqual(['s-a', 's-b']);
    expect(first.body.next).toBe('s-b');
    const second = await get(`${base(merchant)}/stores?limit=2&after=s-b`, rival.token);
    expect(second.body.stores.map((s: { code: string }) => s.code)).toEqual(['s-c']);
    expect(second.body.next).toBeNull();
  });

  it('answers 422 naming each bad field, and writes nothing', async () => {
    const before = await count('merchant_stores');
    const bad = await post(`${base()}/stores`, { code: 'Bad Code', name: '', district: '44030' });
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('validation_failed');
    expect(fields(bad)).toEqual(['code', 'district', 'name']);
    const badPatch = await patch(`${base()}/stores/nanshan-1`, { district: 'shenzhen' });
    expect(badPatch.status).toBe(422);
    expect(fields(badPatch)).toEqual(['district']);
    expect((await patch(`${base()}/stores/nanshan-1`, {})).status).toBe(422);
    const badQuery = await get(`${base()}/stores?limit=0&after=NOPE`);
    expect(badQuery.status).toBe(422);
    expect(fields(badQuery)).toEqual(['after', 'limit']);
    expect(await count('merchant_stores')).toBe(before);
  });

  it('lets the bureau read a merchant’s stores; a participant that is no merchant has none', async () => {
    const read = await get(`${base()}/stores`, t.a.tokens.bureau);
    expect(read.status).toBe(200);
    expect(read.body.stores.length).toBeGreaterThan(0);
    const operator = await get(`${base(t.a.operator.code)}/stores`, t.adminToken);
    expect(operator.status).toBe(404);
    expect(operator.body.code).toBe('merchant_not_found');
    const create = await post(
      `${base(t.a.operator.code)}/stores`,
      { code: 'x', name: 'x', district: '440305' },
      t.adminToken,
    );
    expect(create.status).toBe(404);
  });
});

describe('offers', () => {
  it('creates an offer with its defaults: every issuer, unlimited stock, no limit, active', async () => {
    const created = await post(`${base()}/offers`, offer('americano'));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      code: 'americano',
      title: 'americano title',
      description: null,
      pricePoints: '100',
      stock: null,
      validFrom: '2025-12-31T16:00:00.000Z',
      validUntil: '2026-12-31T16:00:00.000Z',
      limitPerResidentPerDay: null,
      acceptedIssuers: 'all',
      status: 'active',
    });
    const one = await get(`${base()}/offers/americano`);
    expect(one.body).toEqual(created.body);
    const again = await post(`${base()}/offers`, offer('americano'));
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('offer_code_taken');
  });

  it('accepts only the issuers it names, which must be operators of the program', async () => {
    const named = await post(
      `${base()}/offers`,
      offer('latte', { acceptedIssuers: [t.a.operator.code], stock: 5, limitPerResidentPerDay: 1 }),
    );
    expect(named.status).toBe(201);
    expect(named.body).toMatchObject({
      acceptedIssuers: [t.a.operator.code],
      stock: 5,
      limitPerResidentPerDay: 1,
    });

    const before = await count('merchant_offers');
    // A merchant is no issuer; program B's operator is not of this program; nobody is "ghost".
    const bad = await post(
      `${base()}/offers`,
      offer('mocha', {
        acceptedIssuers: [t.a.operator.code, t.a.merchant.code, t.b.operator.code, 'ghost'],
      }),
    );
    expect(bad.status).toBe(422);
    expect(fields(bad)).toEqual(['acceptedIssuers[1]', 'acceptedIssuers[2]', 'acceptedIssuers[3]']);
    expect(await count('merchant_offers')).toBe(before);
  });

  it('answers 422 naming each bad field of an offer, and writes nothing', async () => {
    const before = [await count('merchant_offers'), await count('merchant_offer_issuers')];
    const bad = await post(`${base()}/offers`, {
      code: 'flat-white',
      title: 'flat white',
      pricePoints: 0,
      stock: -1,
      validFrom: '2026-06-01T00:00:00+08:00',
      validUntil: '2026-05-01T00:00:00+08:00',
      limitPerResidentPerDay: 0,
      acceptedIssuers: [],
      colour: 'brown',
    });
    expect(bad.status).toBe(422);
    expect(fields(bad)).toEqual([
      'acceptedIssuers',
      'body',
      'limitPerResidentPerDay',
      'pricePoints',
      'stock',
      'validUntil',
    ]);
    expect(JSON.stringify(bad.body.errors)).toContain('colour');
    // A window ending before it starts, alone.
    const window = await post(
      `${base()}/offers`,
      offer('flat-white', { validUntil: '2025-06-01T00:00:00+08:00' }),
    );
    expect(window.status).toBe(422);
    expect(fields(window)).toEqual(['validUntil']);
    const noZone = await post(
      `${base()}/offers`,
      offer('flat-white', { validFrom: '2026-01-01T00:00:00' }),
    );
    expect(fields(noZone)).toEqual(['validFrom']);
    expect([await count('merchant_offers'), await count('merchant_offer_issuers')]).toEqual(before);
  });

  it('changes price, stock, window, limit, accepted issuers and status', async () => {
    const changed = await patch(`${base()}/offers/latte`, {
      title: 'Latte, large',
      description: 'Oat milk on request',
      pricePoints: 120,
      stock: null,
      validUntil: '2027-06-01T00:00:00Z',
      limitPerResidentPerDay: null,
      acceptedIssuers: 'all',
      status: 'withdrawn',
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      code: 'latte',
      title: 'Latte, large',
      description: 'Oat milk on request',
      pricePoints: '120',
      stock: null,
      validFrom: '2025-12-31T16:00:00.000Z',
      validUntil: '2027-06-01T00:00:00.000Z',
      limitPerResidentPerDay: null,
      acceptedIssuers: 'all',
      status: 'withdrawn',
    });
    expect(await count('merchant_offer_issuers')).toBe(0);
    const back = await patch(`${base()}/offers/latte`, {
      acceptedIssuers: [t.a.operator.code],
      status: 'active',
    });
    expect(back.body).toMatchObject({ acceptedIssuers: [t.a.operator.code], status: 'active' });
    expect((await get(`${base()}/offers/latte`)).body).toEqual(back.body);
  });

  it('refuses a change that leaves the window empty against the stored end, naming the field', async () => {
    const res = await patch(`${base()}/offers/latte`, { validFrom: '2028-01-01T00:00:00Z' });
    expect(res.status).toBe(422);
    expect(fields(res)).toEqual(['validFrom']);
    expect((await get(`${base()}/offers/latte`)).body.validFrom).toBe('2025-12-31T16:00:00.000Z');
    const bad = await patch(`${base()}/offers/latte`, { pricePoints: -5, status: 'sold' });
    expect(fields(bad)).toEqual(['pricePoints', 'status']);
    const unknownIssuer = await patch(`${base()}/offers/latte`, { acceptedIssuers: ['ghost'] });
    expect(fields(unknownIssuer)).toEqual(['acceptedIssuers[0]']);
    expect((await get(`${base()}/offers/latte`)).body.acceptedIssuers).toEqual([t.a.operator.code]);
  });

  it('pages offers by code with next, to the end', async () => {
    const first = await get(`${base()}/offers?limit=1`);
    expect(first.body.offers.map((o: { code: string }) => o.code)).toEqual(['americano']);
    expect(first.body.next).toBe('americano');
    const second = await get(`${base()}/offers?limit=1&after=americano`);
    expect(second.body.offers.map((o: { code: string }) => o.code)).toEqual(['latte']);
    expect(second.body.next).toBeNull();
  });
});

describe('another merchant', () => {
  it('finds none of the first merchant’s stores or offers under its own path', async () => {
    const own = base(rival.merchant.code);
    expect((await get(`${own}/offers/latte`, rival.token)).body.code).toBe('offer_not_found');
    const offerPatch = await patch(`${own}/offers/latte`, { pricePoints: 1 }, rival.token);
    expect(offerPatch.status).toBe(404);
    expect(offerPatch.body.code).toBe('offer_not_found');
    const storePatch = await patch(`${own}/stores/nanshan-1`, { name: 'mine' }, rival.token);
    expect(storePatch.status).toBe(404);
    expect(storePatch.body.code).toBe('store_not_found');
    expect((await get(`${own}/offers`, rival.token)).body.offers).toEqual([]);
    expect((await get(`${base()}/offers/latte`)).body.pricePoints).toBe('120');
  });

  it('cannot reach the first merchant’s path at all', async () => {
    for (const res of [
      await get(`${base()}/stores`, rival.token),
      await get(`${base()}/offers/latte`, rival.token),
      await patch(`${base()}/offers/latte`, { pricePoints: 1 }, rival.token),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('participant_not_found');
    }
  });
});
