/**
 * TANLIAN_SECRETS_KEY rotates as a keyring: a new key first, the old one still opening what it
 * sealed, `secrets:reseal` moving every stored secret (webhook and callback secrets, the log's
 * resident salt, the development signing key), then the old key dropped. A secret no configured
 * key opens is skipped, counted and shown; it never breaks the operator's other keys, and a push
 * it might have signed gets a retryable 503, not a 401 or a 500. Real MariaDB, Redis, processes.
 */
import { ViewingKeys } from '../../src/audit/services/viewing-keys';
import { Logger, type INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { signWebhook } from '@tanlian/sdk';
import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import request from 'supertest';
import { AuditFsck } from '../../src/audit/services/audit-fsck';
import { CallbackConfigService } from '../../src/callbacks/services/callback-config.service';
import { createApiApp, createWorkerApp } from '../../src/bootstrap';
import { loadConfig } from '../../src/config/load-config';
import { SecretsKeyring } from '../../src/secrets/secrets-keyring';
import { ApiKeysService } from '../../src/tenancy/services/api-keys.service';
import { StaffUsersService } from '../../src/tenancy/services/staff-users.service';
import { WebhookSecretsService } from '../../src/tenancy/services/webhook-secrets.service';
import { EarnEnv, metroRide, type SigningOperator } from '../support/earn-env';
import { bearer } from '../support/test-app';

const ADMIN = join(__dirname, '..', '..', 'dist', 'cli', 'main.js');
const [B, C] = [randomBytes(32).toString('base64'), randomBytes(32).toString('base64')];

let env: EarnEnv;
let A: string;
let adminToken: string;
let api: NestFastifyApplication | null = null;
let worker: INestApplicationContext | null = null;
let rides = 0;

/** The api and worker of the deployment, restarted with another TANLIAN_SECRETS_KEY. */
async function restart(secretsKey: string): Promise<void> {
  await api?.close();
  await worker?.close();
  const config = loadConfig({ ...env.api.db.env, TANLIAN_SECRETS_KEY: secretsKey });
  api = await createApiApp(config);
  worker = await createWorkerApp(config);
}

function push(op: SigningOperator, signWith = op.secret) {
  const raw = JSON.stringify(metroRide(`ride-${++rides}`, 'rider'));
  return request(api!.getHttpServer())
    .post(`/v1/programs/${env.program.code}/operators/${op.participant.code}/events`)
    .set(
      signWebhook({
        id: `msg_${randomUUID()}`,
        timestamp: Math.floor(Date.now() / 1000),
        body: raw,
        keys: [signWith],
      }),
    )
    .set('content-type', 'application/json')
    .send(raw);
}

function admin(secretsKey: string, command: string) {
  return spawnSync(process.execPath, [ADMIN, command], {
    env: {
      PATH: process.env.PATH,
      ...env.api.db.env,
      TANLIAN_SECRETS_KEY: secretsKey,
    } as NodeJS.ProcessEnv,
    encoding: 'utf8',
    timeout: 30_000,
  });
}

async function status() {
  const res = await request(api!.getHttpServer())
    .get('/v1/secrets')
    .set(bearer(adminToken))
    .expect(200);
  return res.body as {
    currentKeyId: string;
    kinds: {
      kind: string;
      current: number;
      older: number;
      unreadable: number;
      unreadableIds: string[];
    }[];
  };
}

const counts = (s: Awaited<ReturnType<typeof status>>, field: 'current' | 'older' | 'unreadable') =>
  Object.fromEntries(s.kinds.map((k) => [k.kind, k[field]]));

beforeAll(async () => {
  env = await EarnEnv.start('secrets-rotation', { AUDIT_INTEGRATE_INTERVAL_MS: '100' });
  A = env.api.db.env.TANLIAN_SECRETS_KEY;
  await env.startWorker();
  const staff = env.api.app.get(StaffUsersService);
  adminToken = (
    await env.api.app.get(ApiKeysService).issueForStaff(await staff.createAdmin('admin'), 'tests')
  ).token;
  await env.api.app
    .get(CallbackConfigService)
    .set(env.operators.metro.participant, 'https://metro.example/callbacks');
  await env.api.app.get(ViewingKeys).issue(env.program.id);
  await env.bindResident('wx-rider', env.operators.metro, 'rider');
  await env.push(env.operators.metro, metroRide('ride-0', 'rider')).expect(202);
  await env.processed();
  await env.sealed();
  await env.worker!.close();
  env.worker = null;
});
afterAll(async () => {
  await api?.close();
  await worker?.close();
  await env.stop();
});

describe('rotating TANLIAN_SECRETS_KEY', () => {
  const sealedUnderA = {
    webhook_secret: 3,
    callback_secret: 1,
    callback_previous_secret: 0,
    resident_salt: 1,
    resident_key: 1,
    viewing_key: 1,
    development_signing_key: 1,
  };

  it('with B first and A kept, everything A sealed still opens, and the status says it is older', async () => {
    await restart(`${B},${A}`);
    await push(env.operators.metro).expect(202);
    const s = await status();
    expect(s.currentKeyId).toBe(
      new SecretsKeyring(loadConfig({ ...env.api.db.env, TANLIAN_SECRETS_KEY: B })).currentKeyId,
    );
    expect(counts(s, 'older')).toEqual(sealedUnderA);
    const none = Object.fromEntries(Object.keys(sealedUnderA).map((kind) => [kind, 0]));
    expect(counts(s, 'unreadable')).toEqual(none);
    expect(counts(s, 'current')).toEqual(none);
  });

  it('secrets:reseal moves every secret under B and says how many; a second run finds them current', () => {
    const first = admin(`${B},${A}`, 'secrets:reseal');
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(/re-sealed\s+8\nalready current\s+0\ncould not read\s+0\n/);
    expect(first.status).toBe(0);
    expect(admin(`${B},${A}`, 'secrets:reseal').stdout).toMatch(
      /re-sealed\s+0\nalready current\s+8\n/,
    );
  });

  it('with A dropped, pushes verify, crediting reads the salt and the log is still signed and verifies', async () => {
    await restart(B);
    await push(env.operators.metro).expect(202);
    await env.processed();
    const size = await env.sealed();
    expect(size).toBeGreaterThan(0);
    const fsck = await worker!.get(AuditFsck).check(env.program);
    expect(fsck).toMatchObject({ status: 'pass', discrepancy: null });
    expect(counts(await status(), 'current')).toEqual(sealedUnderA);
  });
});

describe('a secret no configured key opens', () => {
  let unreadableId: string;
  let unreadableSecret: string;

  beforeAll(async () => {
    // A second live key for metro, and the first one sealed under a key this deployment lacks.
    const secrets = api!.get(WebhookSecretsService);
    const fresh = await secrets.issue(env.operators.metro.participant, { scheme: 'v1' });
    const [first] = (await secrets.list(env.operators.metro.participant.id)).filter(
      (s) => s.id !== fresh.secret.id,
    );
    unreadableId = first.id;
    unreadableSecret = env.operators.metro.secret;
    env.operators.metro.secret = fresh.plaintext!;
    const foreign = new SecretsKeyring({ secrets: { keys: [Buffer.from(C, 'base64')] } });
    await env.db.query('UPDATE webhook_secrets SET sealed_secret = ? WHERE id = ?', [
      foreign.sealText(unreadableSecret),
      unreadableId,
    ]);
    await restart(B); // no cached keys
  });

  it("is skipped: the operator's other key keeps verifying, and it is logged once with its id", async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn');
    try {
      await push(env.operators.metro).expect(202);
      await push(env.operators.metro).expect(202);
      const mentions = warn.mock.calls.filter(([m]) => String(m).includes(unreadableId));
      expect(mentions).toHaveLength(1);
      expect(String(mentions[0][0])).toMatch(
        /^webhook_secret whk_[0-9a-f]{16} cannot be opened \(sealed under secrets key [0-9a-f]{8}, which TANLIAN_SECRETS_KEY does not hold\): skipped/,
      );
    } finally {
      warn.mockRestore();
    }
  });

  it('a push that only it could have verified answers 503 with Retry-After, never 401 or 500', async () => {
    const res = await push(env.operators.metro, unreadableSecret).expect(503);
    expect(res.headers['retry-after']).toBe('60');
    expect(res.body).toMatchObject({ statusCode: 503, code: 'signing_secret_unreadable' });
    expect(res.body.message).toContain('cannot read 1 of this operator');
  });

  it('is counted on /metrics and shown to the admin; secrets:reseal reports it and leaves it', async () => {
    const metrics = await request(api!.getHttpServer()).get('/metrics').expect(200);
    expect(metrics.text).toContain('tanlian_secrets_unreadable{kind="webhook_secret"} 1');
    expect(metrics.text).toContain('tanlian_secrets_unreadable{kind="resident_salt"} 0');
    const webhook = (await status()).kinds.find((k) => k.kind === 'webhook_secret')!;
    expect(webhook).toMatchObject({
      unreadable: 1,
      unreadableIds: [`webhook_secret:${unreadableId}`],
    });
    const reseal = admin(B, 'secrets:reseal');
    expect(reseal.stdout).toMatch(
      new RegExp(`could not read\\s+1\\nunreadable\\s+webhook_secret:${unreadableId}\\n`),
    );
    expect(reseal.status).toBe(2);
  });
});
