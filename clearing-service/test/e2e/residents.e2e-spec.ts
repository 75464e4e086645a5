import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import { QueueName } from '../../src/queue/queue-name';
import type { BindingCreatedJob } from '../../src/residents/bindings/binding-created.job';
import { ResidentsStore } from '../../src/residents/services/residents-store';
import { ResidentsService } from '../../src/residents/services/residents.service';
import { bearer, startTestApi, TestApi } from '../support/test-app';
import { seedTenancy, TenancyFixture } from '../support/tenancy-fixtures';

let api: TestApi;
let t: TenancyFixture;

beforeAll(async () => {
  api = await startTestApi('residents');
  t = await seedTenancy(api.app);
});
afterAll(() => api.close());

const db = () => api.app.get(DataSource);
const count = async (table: string): Promise<number> =>
  Number((await db().query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

const signIn = (code: string, program = t.a.program.code) =>
  api.http().post(`/v1/programs/${program}/residents/sessions`).send({ code });
const me = (token: string, program = t.a.program.code) =>
  api.http().get(`/v1/programs/${program}/residents/me`).set(bearer(token));
const issue = (user: string, fixture = t.a) =>
  api
    .http()
    .post(
      `/v1/programs/${fixture.program.code}/participants/${fixture.operator.code}/binding-tokens`,
    )
    .set(bearer(fixture.tokens.operator))
    .send({ user });
const redeem = (residentToken: string, token: string, program = t.a.program.code) =>
  api
    .http()
    .post(`/v1/programs/${program}/residents/me/bindings`)
    .set(bearer(residentToken))
    .send({ token });

/** A signed-in resident of program A, new for each name. */
async function resident(name: string): Promise<{ token: string; id: string }> {
  const res = await signIn(`dev:${name}`);
  expect(res.status).toBe(201);
  return { token: res.body.token, id: res.body.resident.id };
}

describe('WeChat sign-in', () => {
  it('creates the resident at the first sign-in and finds it again at the next', async () => {
    const before = await count('residents');
    const first = await signIn('dev:carol');
    expect(first.status).toBe(201);
    expect(first.body.token).toMatch(/^rs_[0-9a-f]{16}\.[A-Za-z0-9_-]{43}$/);
    expect(first.body.resident).toMatchObject({ program: 'alpha', bindings: 0 });
    expect(first.body.resident.id).toMatch(/^res_[0-9a-f]{16}$/);
    const again = await signIn('dev:carol');
    expect(again.status).toBe(201);
    expect(again.body.resident.id).toBe(first.body.resident.id);
    expect(again.body.token).not.toBe(first.body.token);
    expect(await count('residents')).toBe(before + 1);
  });

  it('keeps one carbon account per program: the same WeChat user in another program is another resident', async () => {
    const alpha = await signIn('dev:dave', 'alpha');
    const beta = await signIn('dev:dave', 'beta');
    expect(beta.status).toBe(201);
    expect(beta.body.resident.program).toBe('beta');
    expect(beta.body.resident.id).not.toBe(alpha.body.resident.id);
  });

  it('stores the openid and unionid, never the session key, and only the hash of the token', async () => {
    const res = await signIn('dev:erin');
    const [row] = await db().query(
      'SELECT wechat_openid, wechat_unionid FROM residents WHERE public_id = ?',
      [res.body.resident.id],
    );
    expect(row.wechat_openid).toMatch(/^dev_/);
    expect(row.wechat_unionid).toMatch(/^dev_/);
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(row.wechat_openid);
    expect(text).not.toMatch(/session_?key/i);
    const [id, secret] = res.body.token.split('.');
    const [session] = await db().query('SELECT * FROM resident_sessions WHERE id = ?', [id]);
    expect(Object.keys(session)).not.toContain('session_key');
    expect(JSON.stringify(session)).not.toContain(secret);
  });

  it('expires sessions 30 days after sign-in', async () => {
    const res = await signIn('dev:frank');
    const lifetime = Date.parse(res.body.expiresAt) - Date.now();
    const day = 24 * 60 * 60 * 1000;
    expect(lifetime).toBeGreaterThan(30 * day - 60_000);
    expect(lifetime).toBeLessThanOrEqual(30 * day);
  });

  it.each([
    ['no code', {}, 'code'],
    ['an empty code', { code: '' }, 'code'],
    ['a code with spaces', { code: 'dev:with space' }, 'code'],
    ['an unknown field', { code: 'dev:x', openid: 'o123' }, 'body'],
  ])('answers 422 naming the field for %s, and creates nobody', async (_, body, field) => {
    const before = await count('residents');
    const res = await api.http().post('/v1/programs/alpha/residents/sessions').send(body);
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    expect(await count('residents')).toBe(before);
  });

  it('answers 422 wechat_code_invalid for a code WeChat (here: the dev provider) refuses', async () => {
    const before = await count('residents');
    const res = await signIn('081Kq4Ga1MSox41ufFGa1elczA0Kq4GH');
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'wechat_code_invalid' });
    expect(res.body.errors[0].field).toBe('code');
    expect(await count('residents')).toBe(before);
  });

  it('answers 404 for an unknown program', async () => {
    const res = await signIn('dev:carol', 'gamma');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('program_not_found');
  });
});

describe('resident sessions', () => {
  it('shows the signed-in resident', async () => {
    const carol = await resident('carol');
    const res = await me(carol.token);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: carol.id,
      program: 'alpha',
      createdAt: expect.any(String),
      bindings: 0,
    });
  });

  it("answers 404 for another program's paths", async () => {
    const carol = await resident('carol');
    const res = await me(carol.token, 'beta');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('program_not_found');
  });

  it('refuses a token after logout, and leaves the other sessions live', async () => {
    const one = await resident('gina');
    const two = await resident('gina');
    const out = await api
      .http()
      .delete('/v1/programs/alpha/residents/me/sessions/current')
      .set(bearer(one.token));
    expect(out.status).toBe(204);
    const refused = await me(one.token);
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('invalid_credentials');
    expect((await me(two.token)).status).toBe(200);
  });

  it('refuses an expired token', async () => {
    const hank = await resident('hank');
    await db().query('UPDATE resident_sessions SET expires_at = ? WHERE id = ?', [
      new Date(Date.now() - 1000),
      hank.token.split('.')[0],
    ]);
    expect((await me(hank.token)).status).toBe(401);
  });

  it('refuses a token whose secret is wrong', async () => {
    const ivy = await resident('ivy');
    const forged = `${ivy.token.split('.')[0]}.${'A'.repeat(43)}`;
    expect((await me(forged)).status).toBe(401);
  });
});

describe('binding operator accounts', () => {
  it('binds an operator user to the resident with a one-time token', async () => {
    const jack = await resident('jack');
    const issued = await issue('metro-user-1');
    expect(issued.status).toBe(201);
    expect(issued.body.token).toMatch(/^bt_[0-9a-f]{16}\.[A-Za-z0-9_-]{43}$/);
    const minutes = (Date.parse(issued.body.expiresAt) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);

    const bound = await redeem(jack.token, issued.body.token);
    expect(bound.status).toBe(201);
    expect(bound.body).toEqual({
      operator: t.a.operator.code,
      user: 'metro-user-1',
      boundAt: expect.any(String),
    });
    const list = await api
      .http()
      .get('/v1/programs/alpha/residents/me/bindings')
      .set(bearer(jack.token));
    expect(list.body).toEqual([bound.body]);
    expect((await me(jack.token)).body.bindings).toBe(1);

    const again = await redeem(jack.token, issued.body.token);
    expect(again.status).toBe(404);
    expect(again.body.code).toBe('binding_token_invalid');
  });

  it('stores only the hash of a binding token', async () => {
    const issued = await issue('metro-user-hash');
    const [id, secret] = issued.body.token.split('.');
    const [row] = await db().query('SELECT * FROM binding_tokens WHERE id = ?', [id]);
    expect(row.secret_hash).toHaveLength(32);
    expect(JSON.stringify(row)).not.toContain(secret);
  });

  it('uses a token once when two redeems race', async () => {
    const kate = await resident('kate');
    for (let round = 0; round < 5; round++) {
      const user = `metro-user-race-${round}`;
      const issued = await issue(user);
      const answers = await Promise.all([
        redeem(kate.token, issued.body.token),
        redeem(kate.token, issued.body.token),
      ]);
      expect(answers.map((r) => r.status).sort()).toEqual([201, 404]);
      const rows = await db().query(
        'SELECT COUNT(*) AS n FROM resident_bindings WHERE external_user_id = ?',
        [user],
      );
      expect(Number(rows[0].n)).toBe(1);
    }
  });

  it('binds a pair to one resident only: 409 for the next one, who gets nothing', async () => {
    const leo = await resident('leo');
    const mia = await resident('mia');
    const first = await issue('metro-user-shared');
    const second = await issue('metro-user-shared');
    expect((await redeem(leo.token, first.body.token)).status).toBe(201);
    const taken = await redeem(mia.token, second.body.token);
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('user_already_bound');
    expect((await me(mia.token)).body.bindings).toBe(0);
  });

  it('binds a pair once when two residents race for it with two tokens', async () => {
    const ned = await resident('ned');
    const oli = await resident('oli');
    const [a, b] = await Promise.all([
      issue('metro-user-contested'),
      issue('metro-user-contested'),
    ]);
    const answers = await Promise.all([
      redeem(ned.token, a.body.token),
      redeem(oli.token, b.body.token),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
  });

  it("refuses another program's token as invalid, and leaves it usable there", async () => {
    const pam = await resident('pam');
    const foreign = await issue('beta-user-1', t.b);
    expect(foreign.status).toBe(201);
    const refused = await redeem(pam.token, foreign.body.token);
    expect(refused.status).toBe(404);
    expect(refused.body.code).toBe('binding_token_invalid');
    expect(JSON.stringify(refused.body)).not.toContain(t.b.operator.code);
    const there = await redeem(t.b.tokens.resident, foreign.body.token, 'beta');
    expect(there.status).toBe(201);
  });

  it('refuses an expired token', async () => {
    const quinn = await resident('quinn');
    const issued = await issue('metro-user-late');
    await db().query('UPDATE binding_tokens SET expires_at = ? WHERE id = ?', [
      new Date(Date.now() - 1000),
      issued.body.token.split('.')[0],
    ]);
    expect((await redeem(quinn.token, issued.body.token)).status).toBe(404);
  });

  it('refuses a token whose secret is wrong', async () => {
    const rose = await resident('rose');
    const issued = await issue('metro-user-forged');
    const forged = `${issued.body.token.split('.')[0]}.${'A'.repeat(43)}`;
    expect((await redeem(rose.token, forged)).status).toBe(404);
    expect((await redeem(rose.token, issued.body.token)).status).toBe(201);
  });

  it('answers 201 with the same binding when the resident redeems a second token for its own pair', async () => {
    const sam = await resident('sam');
    const first = await issue('metro-user-twice');
    const second = await issue('metro-user-twice');
    const a = await redeem(sam.token, first.body.token);
    const b = await redeem(sam.token, second.body.token);
    expect(b.status).toBe(201);
    expect(b.body).toEqual(a.body);
    expect((await me(sam.token)).body.bindings).toBe(1);
  });

  it('tells apart user ids that differ only in case', async () => {
    const tom = await resident('tom');
    const uma = await resident('uma');
    expect((await redeem(tom.token, (await issue('User-Case')).body.token)).status).toBe(201);
    expect((await redeem(uma.token, (await issue('user-case')).body.token)).status).toBe(201);
  });

  it.each([
    ['no user', {}, 'user'],
    ['a user id with spaces', { user: 'metro user' }, 'user'],
    ['a user id too long', { user: 'u'.repeat(129) }, 'user'],
  ])('answers 422 naming the field when an operator sends %s', async (_, body, field) => {
    const res = await api
      .http()
      .post(`/v1/programs/alpha/participants/${t.a.operator.code}/binding-tokens`)
      .set(bearer(t.a.tokens.operator))
      .send(body);
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
  });

  it('answers 422 for a malformed token, and writes nothing', async () => {
    const vic = await resident('vic');
    const before = await count('resident_bindings');
    for (const token of ['nonsense', `key_${'0'.repeat(16)}.${'A'.repeat(43)}`, 42]) {
      const res = await api
        .http()
        .post('/v1/programs/alpha/residents/me/bindings')
        .set(bearer(vic.token))
        .send({ token });
      expect(res.status).toBe(422);
      expect(res.body.errors[0].field).toBe('token');
    }
    expect(await count('resident_bindings')).toBe(before);
  });
});

describe('after a binding', () => {
  it('queues binding-created for the crediting worker', async () => {
    const wes = await resident('wes');
    const issued = await issue('metro-user-queued');
    expect((await redeem(wes.token, issued.body.token)).status).toBe(201);

    const connection = new IORedis(api.db.config.redis.url, { maxRetriesPerRequest: null });
    const queue = new Queue(QueueName.Bindings, {
      connection,
      prefix: api.db.config.redis.queuePrefix,
    });
    try {
      // Queued after the answer (the redeem does not wait on Redis): give it a moment.
      const queued = async () =>
        (await queue.getJobs(['waiting', 'delayed', 'active', 'completed'])).find(
          (j) => (j.data as BindingCreatedJob).externalUserId === 'metro-user-queued',
        );
      let job = await queued();
      for (let i = 0; i < 40 && !job; i++) {
        await new Promise((r) => setTimeout(r, 50));
        job = await queued();
      }
      expect(job?.name).toBe('binding-created');
      const [row] = await db().query('SELECT id FROM residents WHERE public_id = ?', [wes.id]);
      expect(job?.data).toEqual({
        programId: t.a.program.id,
        participantId: t.a.operator.id,
        externalUserId: 'metro-user-queued',
        residentId: row.id,
      });
    } finally {
      await queue.close();
      connection.disconnect();
    }
  });

  it('finds residents by operator user ids in bulk, for crediting', async () => {
    const xia = await resident('xia');
    await redeem(xia.token, (await issue('bulk-1')).body.token);
    await redeem(xia.token, (await issue('bulk-2')).body.token);
    const residents = api.app.get(ResidentsStore);
    const found = await residents.residentFor(t.a.program.id, t.a.operator.id, [
      'bulk-1',
      'bulk-2',
      'bulk-unbound',
      'BULK-1',
    ]);
    const [row] = await db().query('SELECT id FROM residents WHERE public_id = ?', [xia.id]);
    expect(found).toEqual(
      new Map([
        ['bulk-1', row.id],
        ['bulk-2', row.id],
      ]),
    );
    expect(await residents.residentFor(t.a.program.id, t.a.merchant.id, ['bulk-1'])).toEqual(
      new Map(),
    );
    expect(await residents.residentFor(t.b.program.id, t.a.operator.id, ['bulk-1'])).toEqual(
      new Map(),
    );
    expect(await residents.residentFor(t.a.program.id, t.a.operator.id, [])).toEqual(new Map());
    expect((await api.app.get(ResidentsService).findResident(row.id))?.publicId).toBe(xia.id);
  });
});
