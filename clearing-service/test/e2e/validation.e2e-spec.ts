import { DataSource } from 'typeorm';
import { bearer, startTestApi, TestApi } from '../support/test-app';
import { seedTenancy, TenancyFixture } from '../support/tenancy-fixtures';

let api: TestApi;
let t: TenancyFixture;

beforeAll(async () => {
  api = await startTestApi('validation');
  t = await seedTenancy(api.app);
});
afterAll(() => api.close());

const count = async (table: string): Promise<number> =>
  Number((await api.app.get(DataSource).query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

describe('bad input', () => {
  const cases: [string, unknown, string[]][] = [
    ['a missing field', { name: 'x', gramsPerPoint: 10, fenPerPoint: 1 }, ['code']],
    [
      'a wrong type',
      { code: 'gamma', name: 'x', gramsPerPoint: '10', fenPerPoint: 1 },
      ['gramsPerPoint'],
    ],
    [
      'a fraction of a gram',
      { code: 'gamma', name: 'x', gramsPerPoint: 10.5, fenPerPoint: 1 },
      ['gramsPerPoint'],
    ],
    [
      'a negative amount',
      { code: 'gamma', name: 'x', gramsPerPoint: 10, fenPerPoint: -1 },
      ['fenPerPoint'],
    ],
    [
      'a bad code and an unknown hash',
      { code: 'Gamma City', name: 'x', gramsPerPoint: 10, fenPerPoint: 1, auditHash: 'md5' },
      ['code', 'auditHash'],
    ],
    [
      'an unknown field',
      { code: 'gamma', name: 'x', gramsPerPoint: 10, fenPerPoint: 1, colour: 'green' },
      ['body'],
    ],
  ];

  it.each(cases)(
    'answers 422 naming each field for %s, and writes nothing',
    async (_, body, fields) => {
      const before = await count('programs');
      const res = await api
        .http()
        .post('/v1/programs')
        .set(bearer(t.adminToken))
        .send(body as object);
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(
        [...fields].sort(),
      );
      for (const e of res.body.errors) expect(e.reason.length).toBeGreaterThan(3);
      expect(await count('programs')).toBe(before);
    },
  );

  it('answers 400 for malformed JSON', async () => {
    const res = await api
      .http()
      .post('/v1/programs')
      .set(bearer(t.adminToken))
      .set('content-type', 'application/json')
      .send('{"code": ');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'malformed_json' });
  });

  it('answers 422 for a missing body', async () => {
    const res = await api.http().post('/v1/programs').set(bearer(t.adminToken));
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ field: 'body', reason: 'is required (a JSON object)' }]);
  });

  it('answers 413 for a body over the limit', async () => {
    const res = await api
      .http()
      .post('/v1/programs')
      .set(bearer(t.adminToken))
      .send({
        code: 'gamma',
        name: 'x'.repeat(2 * 1024 * 1024),
        gramsPerPoint: 10,
        fenPerPoint: 1,
      });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('body_too_large');
  });

  it('answers 409 for a taken code and keeps the first program', async () => {
    const res = await api
      .http()
      .post('/v1/programs')
      .set(bearer(t.adminToken))
      .send({ code: t.a.program.code, name: 'impostor', gramsPerPoint: 1, fenPerPoint: 1 });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('program_code_taken');
    const kept = await api.http().get(`/v1/programs/${t.a.program.code}`).set(bearer(t.adminToken));
    expect(kept.body.name).toBe(t.a.program.name);
  });

  it('requires a funding mode for operators only', async () => {
    const path = `/v1/programs/${t.a.program.code}/participants`;
    const operator = await api
      .http()
      .post(path)
      .set(bearer(t.adminToken))
      .send({ code: 'bike', name: 'Bike', roles: ['operator'] });
    expect(operator.status).toBe(422);
    expect(operator.body.errors).toEqual([
      { field: 'fundingMode', reason: 'is required for an operator (prepaid or postpaid)' },
    ]);
    const merchant = await api
      .http()
      .post(path)
      .set(bearer(t.adminToken))
      .send({ code: 'shop', name: 'Shop', roles: ['merchant'], fundingMode: 'prepaid' });
    expect(merchant.status).toBe(422);
    expect(merchant.body.errors[0].field).toBe('fundingMode');
  });
});
