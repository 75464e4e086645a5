import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createWorkerApp } from '../../src/bootstrap';
import { WebhookKeysStore } from '../../src/tenancy/services/webhook-keys-store';
import { bearer, startTestApi, TestApi } from '../support/test-app';
import { seedTenancy, TenancyFixture } from '../support/tenancy-fixtures';

let api: TestApi;
let t: TenancyFixture;

beforeAll(async () => {
  api = await startTestApi('credentials');
  t = await seedTenancy(api.app);
});
afterAll(() => api.close());

const keysPath = () =>
  `/v1/programs/${t.a.program.code}/participants/${t.a.operator.code}/api-keys`;
const secretsPath = () =>
  `/v1/programs/${t.a.program.code}/participants/${t.a.operator.code}/webhook-secrets`;
const me = (token: string) => api.http().get('/v1/me').set(bearer(token));

describe('API keys', () => {
  it('shows a new token once, and never again in listings', async () => {
    const created = await api
      .http()
      .post(keysPath())
      .set(bearer(t.a.tokens.operator))
      .send({ label: 'gateway 2026-11' });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^key_[0-9a-f]{16}\.[A-Za-z0-9_-]{43}$/);
    const list = await api.http().get(keysPath()).set(bearer(t.a.tokens.operator));
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain(created.body.token.split('.')[1]);
    expect(list.body.map((k: { id: string }) => k.id)).toContain(created.body.id);
  });

  it('keeps both keys working during a rotation, and refuses the revoked one at once', async () => {
    const oldKey = await api
      .http()
      .post(keysPath())
      .set(bearer(t.a.tokens.operator))
      .send({ label: 'old' });
    const newKey = await api
      .http()
      .post(keysPath())
      .set(bearer(oldKey.body.token))
      .send({ label: 'new' });
    expect(newKey.status).toBe(201);

    expect((await me(oldKey.body.token)).status).toBe(200);
    expect((await me(newKey.body.token)).status).toBe(200);

    const revoked = await api
      .http()
      .delete(`${keysPath()}/${oldKey.body.id}`)
      .set(bearer(newKey.body.token));
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();

    const refused = await me(oldKey.body.token);
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('invalid_credentials');
    expect((await me(newKey.body.token)).status).toBe(200);
  });

  it('says who a key acts as', async () => {
    const res = await me(t.a.tokens.operator);
    expect(res.body).toMatchObject({
      kind: 'participant',
      program: 'alpha',
      participant: 'alpha-metro',
      roles: ['operator'],
    });
    const admin = await me(t.adminToken);
    expect(admin.body).toMatchObject({
      kind: 'admin',
      program: null,
      participant: null,
      roles: ['admin'],
    });
  });

  it('records when a key was last used, through the worker', async () => {
    const created = await api
      .http()
      .post(keysPath())
      .set(bearer(t.a.tokens.operator))
      .send({ label: 'watched' });
    await me(created.body.token);
    const worker: INestApplicationContext = await createWorkerApp(api.db.config);
    try {
      let lastUsedAt: string | null = null;
      for (let i = 0; i < 40 && !lastUsedAt; i++) {
        await new Promise((r) => setTimeout(r, 250));
        const list = await api.http().get(keysPath()).set(bearer(t.a.tokens.operator));
        lastUsedAt =
          list.body.find((k: { id: string }) => k.id === created.body.id)?.lastUsedAt ?? null;
      }
      expect(lastUsedAt).not.toBeNull();
    } finally {
      await worker.close();
    }
  });
});

describe('webhook signing secrets', () => {
  it('shows a v1 secret once and keeps it only encrypted', async () => {
    const created = await api
      .http()
      .post(secretsPath())
      .set(bearer(t.a.tokens.operator))
      .send({ scheme: 'v1' });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_/);
    const rows: { sealed_secret: Buffer }[] = await api.app
      .get(DataSource)
      .query('SELECT sealed_secret FROM webhook_secrets WHERE id = ?', [created.body.id]);
    const stored = rows[0].sealed_secret;
    const raw = Buffer.from(created.body.secret.slice('whsec_'.length), 'base64');
    expect(stored.includes(raw)).toBe(false);
    expect(stored.toString('latin1')).not.toContain(created.body.secret);

    const list = await api.http().get(secretsPath()).set(bearer(t.a.tokens.operator));
    expect(JSON.stringify(list.body)).not.toContain(created.body.secret);

    const live = await api.app.get(WebhookKeysStore).liveVerifyingKeys(t.a.operator.id);
    expect(live.keys).toContainEqual({ keyId: created.body.id, key: created.body.secret });
  });

  it('generates an Ed25519 pair for v1a, or registers the public key an operator brings', async () => {
    const generated = await api
      .http()
      .post(secretsPath())
      .set(bearer(t.a.tokens.operator))
      .send({ scheme: 'v1a' });
    expect(generated.status).toBe(201);
    expect(generated.body.secret).toMatch(/^whsk_/);
    expect(generated.body.publicKey).toMatch(/^whpk_/);

    const publicKey = `whpk_${Buffer.alloc(32, 7).toString('base64')}`;
    const brought = await api
      .http()
      .post(secretsPath())
      .set(bearer(t.a.tokens.operator))
      .send({ scheme: 'v1a', publicKey });
    expect(brought.status).toBe(201);
    expect(brought.body).toMatchObject({ scheme: 'v1a', publicKey, secret: null });
  });

  it('stops verifying with a revoked secret while the others stay live', async () => {
    const a = await api.http().post(secretsPath()).set(bearer(t.a.tokens.operator)).send({});
    const b = await api.http().post(secretsPath()).set(bearer(t.a.tokens.operator)).send({});
    await api
      .http()
      .delete(`${secretsPath()}/${a.body.id}`)
      .set(bearer(t.a.tokens.operator))
      .expect(200);
    const live = await api.app.get(WebhookKeysStore).liveVerifyingKeys(t.a.operator.id);
    const ids = live.keys.map((k) => k.keyId);
    expect(ids).toContain(b.body.id);
    expect(ids).not.toContain(a.body.id);
  });

  it('refuses signing secrets for a participant that is not an operator', async () => {
    const path = `/v1/programs/${t.a.program.code}/participants/${t.a.merchant.code}/webhook-secrets`;
    const res = await api.http().post(path).set(bearer(t.adminToken)).send({ scheme: 'v1' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('not_an_operator');
  });
});
