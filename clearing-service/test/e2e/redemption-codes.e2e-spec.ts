/**
 * A resident's redemption codes over HTTP: the session creates one, polls it and revokes it; the
 * code itself is shown once and only its hash is kept; another resident never sees or touches it.
 */
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { bearer, startTestApi, TestApi } from '../support/test-app';
import { seedTenancy, TenancyFixture } from '../support/tenancy-fixtures';
import { presentCode, signedIn, SignedInResidentFixture } from '../support/redemption-fixtures';

let api: TestApi;
let t: TenancyFixture;
let mei: SignedInResidentFixture;
let kai: SignedInResidentFixture;

beforeAll(async () => {
  api = await startTestApi('redemption_codes');
  t = await seedTenancy(api.app);
  mei = await signedIn(api.app, t.a.program, 'mei');
  kai = await signedIn(api.app, t.a.program, 'kai');
});
afterAll(() => api.close());

const codesPath = (program = t.a.program.code) =>
  `/v1/programs/${program}/residents/me/redemption-codes`;
const create = (token: string, body: object = {}) =>
  api.http().post(codesPath()).set(bearer(token)).send(body);
const poll = (token: string, id: string) =>
  api.http().get(`${codesPath()}/${id}`).set(bearer(token));
const revoke = (token: string, id: string) =>
  api.http().delete(`${codesPath()}/${id}`).set(bearer(token));
const rows = async (): Promise<number> =>
  Number((await api.app.get(DataSource).query('SELECT COUNT(*) AS n FROM redemption_codes'))[0].n);
const lifetimeMs = (view: { createdAt: string; expiresAt: string }) =>
  Date.parse(view.expiresAt) - Date.parse(view.createdAt);

describe('creating a redemption code', () => {
  it('answers a fresh single-use code for any merchant, living 60 s by default, kept only as its hash', async () => {
    const res = await create(mei.token);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'active',
      merchant: null,
      maxPoints: null,
      usedAt: null,
      revokedAt: null,
    });
    expect(res.body.id).toMatch(/^rc_[0-9a-f]{16}$/);
    expect(res.body.code).toMatch(/^RC[A-Z2-7]{32}$/);
    expect(lifetimeMs(res.body)).toBe(60_000);
    const [row] = await api.app
      .get(DataSource)
      .query('SELECT * FROM redemption_codes WHERE public_id = ?', [res.body.id]);
    expect(JSON.stringify(row)).not.toContain(res.body.code);
    expect(row.secret_hash).toEqual(createHash('sha256').update(res.body.code).digest());
    expect((await create(mei.token)).body.code).not.toBe(res.body.code);
  });

  it('binds it to one merchant and a cap when asked, and to the ttl given', async () => {
    const res = await create(mei.token, { merchant: 'alpha-cafe', maxPoints: 300, ttlSeconds: 10 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ merchant: 'alpha-cafe', maxPoints: 300 });
    expect(lifetimeMs(res.body)).toBe(10_000);
  });

  it('refuses bad input with 422 naming each field, and writes nothing', async () => {
    const before = await rows();
    const res = await create(mei.token, {
      merchant: 'Not A Code',
      maxPoints: 0,
      ttlSeconds: 61,
      to: 'res_0000000000000000',
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'body',
      'maxPoints',
      'merchant',
      'ttlSeconds',
    ]);
    for (const body of [{ ttlSeconds: 9 }, { ttlSeconds: 30.5 }, { maxPoints: '10' }]) {
      const bad = await create(mei.token, body);
      expect(bad.status).toBe(422);
      expect(bad.body.errors[0].field).toBe(Object.keys(body)[0]);
    }
    expect(await rows()).toBe(before);
  });

  it("answers 422 naming merchant for a code that is no merchant of this program (an operator, another program's)", async () => {
    const before = await rows();
    for (const merchant of ['no-such-cafe', t.a.operator.code, t.b.merchant.code]) {
      const res = await create(mei.token, { merchant });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({
        code: 'validation_failed',
        errors: [{ field: 'merchant', reason: `no merchant ${merchant} in this program` }],
      });
    }
    expect(await rows()).toBe(before);
  });
});

describe('polling and revoking', () => {
  it('shows the code used as soon as a merchant makes a hold with it, and then refuses to revoke it', async () => {
    const created = (await create(mei.token)).body;
    expect((await poll(mei.token, created.id)).body.status).toBe('active');
    await presentCode(api.app, t.a.program.id, created.code, t.a.merchant.id, 50);
    const used = await poll(mei.token, created.id);
    expect(used.status).toBe(200);
    expect(used.body).toMatchObject({ id: created.id, status: 'used', revokedAt: null });
    expect(used.body.usedAt).toEqual(expect.any(String));
    const refused = await revoke(mei.token, created.id);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('redemption_code_used');
    expect((await poll(mei.token, created.id)).body.status).toBe('used');
  });

  it('revokes an unused code, again without complaint, and a merchant can no longer use it', async () => {
    const created = (await create(mei.token)).body;
    const revoked = await revoke(mei.token, created.id);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ status: 'revoked', usedAt: null });
    expect(revoked.body.revokedAt).toEqual(expect.any(String));
    const again = await revoke(mei.token, created.id);
    expect(again.status).toBe(200);
    expect(again.body.revokedAt).toBe(revoked.body.revokedAt);
    await expect(
      presentCode(api.app, t.a.program.id, created.code, t.a.merchant.id, 1),
    ).rejects.toMatchObject({ code: 'resident_token_invalid' });
  });

  it('shows a code past its expiry as expired, by the database clock, and revoking it changes nothing', async () => {
    const created = (await create(mei.token, { ttlSeconds: 10 })).body;
    // As if made a minute ago: the database's own clock decides, not the test's.
    await api.app.get(DataSource).query(
      `UPDATE redemption_codes SET created_at = created_at - INTERVAL 61 SECOND,
            expires_at = expires_at - INTERVAL 61 SECOND WHERE public_id = ?`,
      [created.id],
    );
    expect((await poll(mei.token, created.id)).body.status).toBe('expired');
    const revoked = await revoke(mei.token, created.id);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ status: 'expired', revokedAt: null });
    await expect(
      presentCode(api.app, t.a.program.id, created.code, t.a.merchant.id, 1),
    ).rejects.toMatchObject({ code: 'resident_token_invalid' });
  });

  it("answers another resident's code exactly like a missing one, and leaves it alone", async () => {
    const created = (await create(mei.token)).body;
    const missing = await poll(kai.token, 'rc_0000000000000000');
    for (const res of [await poll(kai.token, created.id), await revoke(kai.token, created.id)]) {
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('redemption_code_not_found');
      expect(res.body.message).toBe(missing.body.message);
    }
    expect((await poll(kai.token, 'not-an-id')).status).toBe(404);
    expect((await poll(mei.token, created.id)).body.status).toBe('active');
  });
});
