/**
 * OWASP API1 (broken object-level authorization): every endpoint of the OpenAPI spec × every role ×
 * own and other program × own and other participant. New endpoints are covered by being in the spec;
 * a new path parameter fails here until it is given fixtures below.
 */
import type { OpenAPIObject } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { buildOpenApiDocument } from '../../src/openapi/openapi-document';
import { ApiKeysService } from '../../src/tenancy/services/api-keys.service';
import { WebhookSecretsService } from '../../src/tenancy/services/webhook-secrets.service';
import { bearer, startTestApi, TestApi } from '../support/test-app';
import { seedTenancy, TenancyFixture, ProgramFixture } from '../support/tenancy-fixtures';

type Role = 'admin' | 'bureau' | 'operator' | 'merchant';
type Target = Record<string, string>;
interface Operation {
  method: string;
  path: string;
  access: 'public' | Role[];
}

const ROLES: Role[] = ['admin', 'bureau', 'operator', 'merchant'];

let api: TestApi;
let t: TenancyFixture;
let operations: Operation[];
let seq = 0;

beforeAll(async () => {
  api = await startTestApi('matrix');
  t = await seedTenancy(api.app);
  operations = operationsOf(buildOpenApiDocument(api.app));
});
afterAll(() => api.close());

function operationsOf(doc: OpenAPIObject): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const op = item[method] as Record<string, unknown> | undefined;
      if (!op) continue;
      const access = op['x-tanlian-access'];
      if (access === undefined)
        throw new Error(`${method.toUpperCase()} ${path} declares no x-tanlian-access policy`);
      ops.push({ method, path, access: access as Operation['access'] });
    }
  }
  return ops;
}

function tokenOf(role: Role): string {
  return role === 'admin' ? t.adminToken : t.a.tokens[role];
}

/** The path values a principal would use for its own things. */
function ownTarget(role: Role, spare: Spare): Target {
  const own = role === 'merchant' ? t.a.merchant : t.a.operator;
  return {
    program: t.a.program.code,
    participant: own.code,
    keyId: role === 'merchant' ? spare.merchantKey : spare.operatorKey,
    secretId: spare.operatorSecret,
  };
}

function otherProgramTarget(role: Role, b: ProgramFixture): Target {
  const other = role === 'merchant' ? b.merchant : b.operator;
  return {
    program: b.program.code,
    participant: other.code,
    keyId: role === 'merchant' ? b.keyIds.merchant : b.keyIds.operator,
    secretId: b.webhookSecretIds.operator,
  };
}

/** Own program, but the other participant's things (operator ↔ merchant). */
function otherParticipantTarget(role: 'operator' | 'merchant'): Target {
  const other = role === 'operator' ? t.a.merchant : t.a.operator;
  return {
    program: t.a.program.code,
    participant: other.code,
    keyId: role === 'operator' ? t.a.keyIds.merchant : t.a.keyIds.operator,
    secretId: t.a.webhookSecretIds.operator,
  };
}

/** Own program and own participant, but a child id (key, secret) that belongs to someone else. */
function foreignChildTarget(role: 'operator' | 'merchant'): Target {
  const own = role === 'operator' ? t.a.operator : t.a.merchant;
  return {
    program: t.a.program.code,
    participant: own.code,
    keyId: role === 'operator' ? t.a.keyIds.merchant : t.a.keyIds.operator,
    secretId: t.b.webhookSecretIds.operator,
  };
}

function fill(path: string, target: Target): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = target[name];
    if (value === undefined)
      throw new Error(
        `matrix has no fixture for path parameter {${name}} in ${path}: add it to the targets`,
      );
    return encodeURIComponent(value);
  });
}

/** A valid body for each writing route, so a permitted call really succeeds. */
function bodyFor(op: Operation): object | undefined {
  if (op.method === 'get' || op.method === 'delete') return undefined;
  seq += 1;
  const bodies: Record<string, object> = {
    'post /v1/programs': {
      code: `matrix-${seq}`,
      name: 'matrix',
      gramsPerPoint: 10,
      fenPerPoint: 1,
    },
    'post /v1/programs/{program}/participants': {
      code: `matrix-${seq}`,
      name: 'matrix',
      roles: ['merchant'],
    },
    'post /v1/programs/{program}/participants/{participant}/api-keys': { label: `matrix ${seq}` },
    'post /v1/programs/{program}/participants/{participant}/webhook-secrets': { scheme: 'v1' },
  };
  const body = bodies[`${op.method} ${op.path}`];
  if (!body)
    throw new Error(`matrix has no sample body for ${op.method.toUpperCase()} ${op.path}: add one`);
  return body;
}

async function call(op: Operation, role: Role, target: Target) {
  const req = api
    .http()
    [op.method as 'get'](fill(op.path, target))
    .set(bearer(tokenOf(role)));
  const body = bodyFor(op);
  return body ? req.send(body) : req;
}

/** Everything of program B, and of the other participant, that must never appear in an answer. */
function secretsOf(b: ProgramFixture): string[] {
  return [
    b.program.name,
    b.operator.name,
    b.merchant.name,
    b.keyIds.operator,
    b.keyIds.merchant,
    b.webhookSecretIds.operator,
  ];
}

async function snapshot(): Promise<string> {
  const ds = api.app.get(DataSource);
  const parts: unknown[] = [];
  for (const table of ['programs', 'participants', 'staff_users', 'api_keys', 'webhook_secrets']) {
    // last_used_at moves on every authenticated call by design; everything else must stay put.
    parts.push(await ds.query(`SELECT * FROM ${table} ORDER BY 1`));
  }
  return JSON.stringify(parts, (key, value) => (key === 'last_used_at' ? undefined : value));
}

interface Spare {
  operatorKey: string;
  merchantKey: string;
  operatorSecret: string;
}

async function spareCredentials(): Promise<Spare> {
  const keys = api.app.get(ApiKeysService);
  const op = await keys.issueForParticipant(t.a.program.id, t.a.operator.id, 'spare');
  const me = await keys.issueForParticipant(t.a.program.id, t.a.merchant.id, 'spare');
  const secret = await api.app.get(WebhookSecretsService).issue(t.a.operator, { scheme: 'v1' });
  return { operatorKey: op.key.id, merchantKey: me.key.id, operatorSecret: secret.secret.id };
}

describe('tenancy matrix', () => {
  it('covers a non-trivial spec', () => {
    const guarded = operations.filter((op) => op.access !== 'public');
    expect(guarded.length).toBeGreaterThanOrEqual(12);
  });

  it('refuses every guarded endpoint without a key, with a malformed key and with a revoked key', async () => {
    const keys = api.app.get(ApiKeysService);
    const revoked = await keys.issueForParticipant(t.a.program.id, t.a.operator.id, 'to revoke');
    await keys.revokeForParticipant(t.a.operator.id, revoked.key.id);
    const problems: string[] = [];
    const spare = await spareCredentials();
    for (const op of operations.filter((o) => o.access !== 'public')) {
      const path = fill(op.path, ownTarget('operator', spare));
      for (const auth of [undefined, 'Bearer nonsense', `Bearer ${revoked.token}`]) {
        const req = api.http()[op.method as 'get'](path);
        const res = await (auth ? req.set('authorization', auth) : req);
        if (res.status !== 401)
          problems.push(
            `${op.method.toUpperCase()} ${path} with ${auth ?? 'no key'} → ${res.status}`,
          );
      }
    }
    expect(problems).toEqual([]);
  });

  it("never answers with another program's or participant's data, and changes no row", async () => {
    const before = await snapshot();
    const problems: string[] = [];
    const check = async (
      label: string,
      op: Operation,
      role: Role,
      target: Target,
      forbidden: string[],
    ) => {
      const res = await call(op, role, target);
      const text = JSON.stringify(res.body);
      if (res.status !== 403 && res.status !== 404)
        problems.push(
          `${label}: ${role} ${op.method.toUpperCase()} ${fill(op.path, target)} → ${res.status}`,
        );
      for (const marker of forbidden) {
        if (text.includes(marker))
          problems.push(
            `${label}: ${role} ${op.method.toUpperCase()} ${op.path} leaked "${marker}"`,
          );
      }
    };
    for (const op of operations.filter((o) => o.access !== 'public')) {
      const scoped = op.path.includes('{program}');
      for (const role of ROLES) {
        if (scoped && role !== 'admin')
          await check('other program', op, role, otherProgramTarget(role, t.b), secretsOf(t.b));
      }
      for (const role of ['operator', 'merchant'] as const) {
        if (op.path.includes('{participant}')) {
          const other = role === 'operator' ? t.a.merchant : t.a.operator;
          const otherKey = role === 'operator' ? t.a.keyIds.merchant : t.a.keyIds.operator;
          await check('other participant', op, role, otherParticipantTarget(role), [
            other.name,
            otherKey,
          ]);
        }
        if (/\{(keyId|secretId)\}/.test(op.path)) {
          await check('foreign child id', op, role, foreignChildTarget(role), [t.b.operator.name]);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it('lets each role do exactly what the route declares, on its own things', async () => {
    const spare = await spareCredentials();
    const problems: string[] = [];
    for (const op of operations.filter((o) => o.access !== 'public')) {
      for (const role of ROLES) {
        const allowed = (op.access as Role[]).includes(role);
        const res = await call(op, role, ownTarget(role, spare));
        const ok = res.status >= 200 && res.status < 300;
        if (allowed && !ok)
          problems.push(
            `${role} ${op.method.toUpperCase()} ${op.path} should pass → ${res.status} ${JSON.stringify(res.body)}`,
          );
        if (!allowed && res.status !== 403)
          problems.push(
            `${role} ${op.method.toUpperCase()} ${op.path} should be 403 → ${res.status}`,
          );
      }
    }
    expect(problems).toEqual([]);
  });

  it('lets an admin reach any program, and lists only their own program to everyone else', async () => {
    const asAdmin = await api
      .http()
      .get(`/v1/programs/${t.b.program.code}`)
      .set(bearer(t.adminToken));
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body.code).toBe(t.b.program.code);
    for (const role of ['bureau', 'operator', 'merchant'] as const) {
      const res = await api.http().get('/v1/programs').set(bearer(t.a.tokens[role]));
      expect(res.status).toBe(200);
      expect(res.body.map((p: { code: string }) => p.code)).toEqual([t.a.program.code]);
    }
  });
});
