/**
 * A program's staff (the admin's "programs, participants and staff"): the admin adds a bureau user
 * with its first key, shown once; the key signs in as the bureau of that program only; the list
 * shows the program's bureau users and their keys, never a secret nor another program's. Real
 * MariaDB and Redis.
 */
import { DataSource } from 'typeorm';
import { bearer, startTestApi, TestApi } from '../support/test-app';
import { seedTenancy, TenancyFixture } from '../support/tenancy-fixtures';

let api: TestApi;
let t: TenancyFixture;

beforeAll(async () => {
  api = await startTestApi('staff');
  t = await seedTenancy(api.app);
});
afterAll(() => api.close());

const staffPath = (program = t.a.program.code) => `/v1/programs/${program}/staff`;
const count = async () =>
  Number((await api.app.get(DataSource).query('SELECT COUNT(*) AS n FROM staff_users'))[0].n);

it('adds a bureau user with its first key, shown once, which signs in as that program’s bureau', async () => {
  const created = await api
    .http()
    .post(staffPath())
    .set(bearer(t.adminToken))
    .send({ name: '王芳', label: 'console' })
    .expect(201);
  expect(created.body).toMatchObject({
    name: '王芳',
    role: 'bureau',
    keys: [{ label: 'console' }],
  });
  expect(created.body.token).toMatch(/^key_[0-9a-f]{16}\./);
  const me = await api.http().get('/v1/me').set(bearer(created.body.token)).expect(200);
  expect(me.body).toMatchObject({ roles: ['bureau'], program: t.a.program.code });

  const list = await api.http().get(staffPath()).set(bearer(t.adminToken)).expect(200);
  const mine = list.body.find((s: { name: string }) => s.name === '王芳');
  expect(mine.keys.map((k: { id: string }) => k.id)).toEqual([created.body.keys[0].id]);
  expect(JSON.stringify(list.body)).not.toContain(created.body.token.split('.')[1]);
  // Program B's list has no one of A's.
  const other = await api.http().get(staffPath(t.b.program.code)).set(bearer(t.adminToken));
  expect(other.body.map((s: { name: string }) => s.name)).not.toContain('王芳');
});

it('is the admin’s alone, and bad input names its field and writes nothing', async () => {
  const before = await count();
  for (const token of [t.a.tokens.bureau, t.a.tokens.operator, t.a.tokens.merchant]) {
    await api.http().get(staffPath()).set(bearer(token)).expect(403);
    await api
      .http()
      .post(staffPath())
      .set(bearer(token))
      .send({ name: 'x', label: 'y' })
      .expect(403);
  }
  const bad = await api
    .http()
    .post(staffPath())
    .set(bearer(t.adminToken))
    .send({ name: '  ', label: 'console' })
    .expect(422);
  expect(bad.body.errors).toEqual([{ field: 'name', reason: 'must not be empty' }]);
  expect(await count()).toBe(before);
});
