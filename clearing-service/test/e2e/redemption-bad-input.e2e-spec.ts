/**
 * Bad input on the shop's and the redemption lists' routes (issue 13): every bad field gets its
 * 422 naming the field, changes no row, and stores nothing under its idempotency key (the same key
 * with a good request then runs).
 */
import { ShopEnv } from '../support/shop-env';
import { bearer } from '../support/test-app';

let shop: ShopEnv;
let mei: string;

beforeAll(async () => {
  shop = await ShopEnv.start('redemption-bad-input');
  mei = await shop.resident('mei', 1);
  await shop.cafe();
  await shop.offer('latte', { stock: 10 });
});
afterAll(() => shop.env.stop());

const fields = (res: { body: { errors?: { field: string }[] } }) =>
  (res.body.errors ?? []).map((e) => e.field).sort();

describe('POST residents/me/purchases', () => {
  const cases: [string, object, string[]][] = [
    ['nothing', {}, ['merchant', 'offer']],
    ['no offer', { merchant: 'cafe' }, ['offer']],
    ['a malformed merchant code', { merchant: 'Cafe!', offer: 'latte' }, ['merchant']],
    ['a malformed offer code', { merchant: 'cafe', offer: 'Latte Big' }, ['offer']],
    ['a number for the offer', { merchant: 'cafe', offer: 7 }, ['offer']],
    ['an unknown merchant', { merchant: 'nobody', offer: 'latte' }, ['merchant']],
    ['an operator as merchant', { merchant: 'metro', offer: 'latte' }, ['merchant']],
    ['an unknown offer', { merchant: 'cafe', offer: 'mocha' }, ['offer']],
  ];
  it.each(cases)('refuses %s, naming the field, writing nothing', async (_, body, named) => {
    const before = await shop.footprint();
    const res = await shop.buy(mei, `bad-${named.join('-')}-${Math.random()}`, body);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('validation_failed');
    expect(fields(res)).toEqual(named);
    expect(await shop.footprint()).toEqual(before);
  });

  it('refuses a field it does not know, and a missing or malformed Idempotency-Key', async () => {
    const before = await shop.footprint();
    const extra = await shop.buy(mei, 'bad-extra', { merchant: 'cafe', offer: 'latte', points: 1 });
    expect(extra.status).toBe(422);
    // An unknown key is the body's fault, and the reason names it.
    expect(fields(extra)).toEqual(['body']);
    expect(extra.body.errors[0].reason).toContain('points');
    const http = () =>
      shop.env.api.http().post(`${shop.base}/residents/me/purchases`).set(bearer(mei));
    const missing = await http().send({ merchant: 'cafe', offer: 'latte' });
    expect(missing.status).toBe(422);
    expect(fields(missing)).toEqual(['Idempotency-Key']);
    const malformed = await http()
      .set('idempotency-key', 'has space')
      .send({ merchant: 'cafe', offer: 'latte' });
    expect(malformed.status).toBe(422);
    expect(fields(malformed)).toEqual(['Idempotency-Key']);
    expect(await shop.footprint()).toEqual(before);
  });

  it('stores nothing under the key of a refused request: the same key then buys', async () => {
    expect((await shop.buy(mei, 'bad-then-good', { merchant: 'cafe' })).status).toBe(422);
    const good = await shop.buy(mei, 'bad-then-good', { merchant: 'cafe', offer: 'latte' });
    expect(good.status).toBe(201);
    expect(good.headers['idempotent-replayed']).toBeUndefined();
  });
});

describe('the redemption lists', () => {
  const cases: [string, string, string[]][] = [
    ['residents/me/redemptions', 'limit=0', ['limit']],
    ['residents/me/redemptions', 'limit=101', ['limit']],
    ['residents/me/redemptions', 'limit=many', ['limit']],
    ['residents/me/redemptions', 'after=rd_nope', ['after']],
    ['residents/me/redemptions', 'status=held', ['query']], // no status filter here: unknown
    ['participants/cafe/redemptions', 'status=lost', ['status']],
    ['participants/cafe/redemptions', 'limit=0&after=42', ['after', 'limit']],
  ];
  it.each(cases)('GET %s?%s names the field', async (path, query, named) => {
    const token = path.startsWith('residents') ? mei : shop.cafeToken;
    const res = await shop.env.api.http().get(`${shop.base}/${path}?${query}`).set(bearer(token));
    expect(res.status).toBe(422);
    expect(fields(res)).toEqual(named);
  });

  it('answers a malformed or unknown redemption id 404, as a missing one', async () => {
    for (const id of ['nope', 'rd_0000000000000000']) {
      const res = await shop.env.api
        .http()
        .get(`${shop.base}/residents/me/redemptions/${id}`)
        .set(bearer(mei));
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('hold_not_found');
    }
  });
});
