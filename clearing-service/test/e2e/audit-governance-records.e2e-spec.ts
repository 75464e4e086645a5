import { DataSource } from 'typeorm';
import { bearer, startTestApi, TestApi } from '../support/test-app';
import { seedTenancy, TenancyFixture } from '../support/tenancy-fixtures';

// Besides ledger transactions, the public log records the bureau's methodology decisions and every
// credential that can act on a program, in the same transaction as the change itself.

let api: TestApi;
let t: TenancyFixture;

beforeAll(async () => {
  api = await startTestApi('audit_records');
  t = await seedTenancy(api.app);
});
afterAll(() => api.close());

interface Leaf {
  index: number;
  kind: string;
  body: Record<string, unknown> & { type: string; program: string };
  raw: Buffer;
}

async function leavesOf(programId: number, kind?: string): Promise<Leaf[]> {
  const rows: { leaf_index: string; kind: string; leaf_data: Buffer }[] = await api.app
    .get(DataSource)
    .query(
      `SELECT leaf_index, kind, leaf_data FROM audit_leaves WHERE program_id = ? ${kind ? 'AND kind = ?' : ''} ORDER BY leaf_index`,
      kind ? [programId, kind] : [programId],
    );
  return rows.map((r) => ({
    index: Number(r.leaf_index),
    kind: r.kind,
    raw: r.leaf_data,
    body: JSON.parse(r.leaf_data.subarray(1).toString('utf8')),
  }));
}

const methodologies = `/v1/programs/alpha/methodologies`;
const ferry = {
  title: '轮渡 (ferry)',
  behaviour: 'ferry',
  model: 'per_distance',
  factorMg: 80_000,
  factorPer: 1_000,
  source: 'test',
  effectiveFrom: '2020-01-01T00:00:00+08:00',
  effectiveTo: null,
};

describe('governance records in the audit log', () => {
  it('the fixture’s keys are already recorded, with gap-free indexes from 0', async () => {
    const leaves = await leavesOf(t.a.program.id);
    expect(leaves.map((l) => l.index)).toEqual(leaves.map((_, i) => i));
    // bureau key, operator key, merchant key, the operator's webhook secret (fixture order).
    expect(leaves.slice(0, 4).map((l) => l.body.type)).toEqual([
      'api_key_created',
      'api_key_created',
      'api_key_created',
      'webhook_secret_created',
    ]);
    for (const leaf of leaves) {
      expect(leaf.raw[0]).toBe(2); // leaf format 2 (docs/private-log.md)
      expect(leaf.body.program).toBe('alpha');
    }
  });

  it('records publication and retirement of a methodology with its content hash, once each', async () => {
    const draft = await api
      .http()
      .post(methodologies)
      .set(bearer(t.a.tokens.bureau))
      .send({ code: 'T-FERRY', definition: ferry });
    expect(draft.status).toBe(201);
    const version = `${methodologies}/T-FERRY/versions/${draft.body.version}`;
    expect((await leavesOf(t.a.program.id, 'methodology_published')).length).toBe(0);

    const published = await api.http().post(`${version}/publish`).set(bearer(t.a.tokens.bureau));
    expect(published.status).toBe(200);
    // Publishing twice is a no-op, and so is its record.
    await api.http().post(`${version}/publish`).set(bearer(t.a.tokens.bureau)).expect(200);
    const [publication] = await leavesOf(t.a.program.id, 'methodology_published');
    expect(publication.body).toEqual({
      type: 'methodology_published',
      program: 'alpha',
      at: expect.any(String),
      methodology: {
        label: 'T-FERRY@1',
        behaviour: 'ferry',
        contentHash: published.body.contentHash,
        effectiveFrom: ferry.effectiveFrom,
        effectiveTo: null,
      },
    });

    await api.http().post(`${version}/retire`).set(bearer(t.a.tokens.bureau)).expect(200);
    await api.http().post(`${version}/retire`).set(bearer(t.a.tokens.bureau)).expect(200);
    const retirements = await leavesOf(t.a.program.id, 'methodology_retired');
    expect(retirements.map((l) => l.body.type)).toEqual(['methodology_retired']);
    expect(retirements[0].index).toBeGreaterThan(publication.index);
    // Program beta's log saw none of it.
    expect(await leavesOf(t.b.program.id, 'methodology_published')).toEqual([]);
  });

  it('writes no record when the decision is refused', async () => {
    const before = (await leavesOf(t.a.program.id)).length;
    const res = await api
      .http()
      .post(`${methodologies}/T-NONE/versions/1/publish`)
      .set(bearer(t.a.tokens.bureau));
    expect(res.status).toBe(404);
    expect((await leavesOf(t.a.program.id)).length).toBe(before);
  });

  it('records an API key’s creation and revocation, never its label or secret', async () => {
    const path = `/v1/programs/alpha/participants/${t.a.operator.code}/api-keys`;
    const created = await api
      .http()
      .post(path)
      .set(bearer(t.a.tokens.operator))
      .send({ label: 'gateway of Wang Fang' });
    expect(created.status).toBe(201);
    const keyId: string = created.body.id;
    await api.http().delete(`${path}/${keyId}`).set(bearer(t.a.tokens.operator)).expect(200);

    const records = (await leavesOf(t.a.program.id)).filter(
      (l) => (l.body.key as { id?: string } | undefined)?.id === keyId,
    );
    expect(records.map((l) => [l.kind, l.body.key])).toEqual([
      ['api_key_created', { id: keyId, holder: t.a.operator.code }],
      ['api_key_revoked', { id: keyId, holder: t.a.operator.code }],
    ]);
    for (const leaf of records) {
      const text = leaf.raw.toString('utf8');
      expect(text).not.toContain('Wang Fang');
      expect(text).not.toContain(created.body.token.split('.')[1]);
    }
  });

  it('records a webhook secret’s creation and revocation without the HMAC secret', async () => {
    const path = `/v1/programs/alpha/participants/${t.a.operator.code}/webhook-secrets`;
    const created = await api
      .http()
      .post(path)
      .set(bearer(t.a.tokens.operator))
      .send({ scheme: 'v1' });
    expect(created.status).toBe(201);
    const id: string = created.body.id;
    await api.http().delete(`${path}/${id}`).set(bearer(t.a.tokens.operator)).expect(200);
    // A second revocation changes nothing, so it records nothing.
    await api.http().delete(`${path}/${id}`).set(bearer(t.a.tokens.operator)).expect(200);

    const records = (await leavesOf(t.a.program.id)).filter(
      (l) => (l.body.key as { id?: string } | undefined)?.id === id,
    );
    expect(records.map((l) => l.body.type)).toEqual([
      'webhook_secret_created',
      'webhook_secret_revoked',
    ]);
    expect(records[0].body.key).toEqual({
      id,
      operator: t.a.operator.code,
      scheme: 'v1',
      publicKey: null,
    });
    const secret: string = created.body.secret;
    expect(secret).toMatch(/^whsec_/);
    for (const leaf of records) {
      expect(leaf.raw.toString('utf8')).not.toContain(secret.slice('whsec_'.length));
    }
  });
});
