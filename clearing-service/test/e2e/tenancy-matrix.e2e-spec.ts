/**
 * OWASP API1 (broken object-level authorization): every endpoint of the OpenAPI spec × every role ×
 * own and other program × own and other participant. New endpoints are covered by being in the spec;
 * a new path parameter fails here until it is given fixtures below.
 */
import type { OpenAPIObject } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { cosignCheckpoint, formatCosignatureVerifierKey, publicKeyFromSecret } from '@tanlian/sdk';
import { createHash } from 'node:crypto';
import { AuditIntegrator } from '../../src/audit/services/audit-integrator';
import { AuditLogWriter } from '../../src/audit/services/audit-log-writer';
import { AuditKeyring } from '../../src/audit/services/audit-keyring';
import { AuditSigningKeys } from '../../src/audit/services/audit-signing-keys';
import { SecretsKeyring } from '../../src/secrets/secrets-keyring';
import { AuditTreeStore } from '../../src/audit/services/audit-tree-store';
import { AuditWitnesses } from '../../src/audit/services/audit-witnesses';
import { ViewingKeys } from '../../src/audit/services/viewing-keys';
import { type AccountKey, NO_EXPIRY } from '../../src/ledger/ledger-account';
import { LedgerWriter } from '../../src/ledger/services/ledger-writer';
import { CallbackConfigService } from '../../src/callbacks/services/callback-config.service';
import { MerchantOffersService } from '../../src/merchants/services/merchant-offers.service';
import { MerchantStoresService } from '../../src/merchants/services/merchant-stores.service';
import { APP_CONFIG } from '../../src/config/config.module';
import { buildOpenApiDocument } from '../../src/openapi/openapi-document';
import { BindingsService } from '../../src/residents/services/bindings.service';
import { ResidentLoginService } from '../../src/residents/services/resident-login.service';
import { ApiKeysService } from '../../src/tenancy/services/api-keys.service';
import { WebhookSecretsService } from '../../src/tenancy/services/webhook-secrets.service';
import { bearer, startTestApi, TestApi } from '../support/test-app';
import { seedTenancy, TenancyFixture, ProgramFixture } from '../support/tenancy-fixtures';
import { CycleSteps } from '../../src/clearing/services/cycle-steps';

type Role = 'admin' | 'bureau' | 'operator' | 'merchant' | 'resident';
type Target = Record<string, string>;
interface Operation {
  method: string;
  path: string;
  access: 'public' | 'operator-signature' | Role[];
}

const ROLES: Role[] = ['admin', 'bureau', 'operator', 'merchant', 'resident'];

let api: TestApi;
let t: TenancyFixture;
let operations: Operation[];
let seq = 0;

// Events the operators of A and B pushed, so routes that name an event have one to name.
const MATRIX_EVENT = 'matrix-event';
const B_ONLY_EVENT = 'b-only-event';

async function seedEvents(): Promise<void> {
  const ds = api.app.get(DataSource);
  const rows = [
    [t.a.program.id, t.a.operator.id, MATRIX_EVENT],
    [t.b.program.id, t.b.operator.id, MATRIX_EVENT],
    [t.b.program.id, t.b.operator.id, B_ONLY_EVENT],
  ];
  for (const [programId, operatorId, eventId] of rows) {
    await ds.query(
      `INSERT INTO inbox_events (program_id, operator_id, event_id, body_hash, behaviour, external_user,
         started_at, ended_at, received_at, status)
       VALUES (?, ?, ?, ?, 'metro', 'matrix-user', NOW(3), NOW(3), NOW(3), 'accepted')`,
      [programId, operatorId, eventId, Buffer.alloc(32)],
    );
  }
}

// A redemption code of each program's resident, so routes that name one have one to name.
const residentCodes: Record<'a' | 'b', string> = { a: '', b: '' };

async function seedRedemptionCodes(): Promise<void> {
  for (const key of ['a', 'b'] as const) {
    const f = t[key];
    const res = await api
      .http()
      .post(`/v1/programs/${f.program.code}/residents/me/redemption-codes`)
      .set(bearer(f.tokens.resident))
      .send({});
    residentCodes[key] = res.body.id;
  }
}

// Points for each program's resident (a lot of 1,000 from the first operator), and a hold of each
// program's merchant on them, so routes that name a redemption have one to name.
const heldRedemptions: Record<'a' | 'b', string> = { a: '', b: '' };

async function seedHolds(): Promise<void> {
  for (const key of ['a', 'b'] as const) {
    const f = t[key];
    await givePoints(f, f.residentId, `matrix:${key}`);
    heldRedemptions[key] = await freshHold(f);
  }
}

/** A lot of 1,000 points from the program's operator for one of its residents (by public id). */
async function givePoints(f: ProgramFixture, residentId: string, reference: string): Promise<void> {
  const ledger = api.app.get(LedgerWriter);
  const mint: AccountKey = {
    issuerId: f.operator.id,
    kind: 'issuer_mint',
    ownerId: 0,
    expiresOn: NO_EXPIRY,
  };
  const [resident]: { id: number }[] = await api.app
    .get(DataSource)
    .query('SELECT id FROM residents WHERE public_id = ?', [residentId]);
  const lot: AccountKey = {
    issuerId: f.operator.id,
    kind: 'resident',
    ownerId: Number(resident.id),
    expiresOn: '2099-12-31',
  };
  await api.app.get(DataSource).transaction(async (db) => {
    const accounts = await ledger.lockAccounts(db, f.program.id, [mint, lot]);
    const postings = [
      { account: mint, amount: -1000 },
      { account: lot, amount: 1000 },
    ];
    const tx = { kind: 'issuance' as const, reference, postings };
    await ledger.write(db, f.program.id, [tx], accounts, new Date());
  });
}

/** A new hold of the program's merchant on one of its resident's points. */
async function freshHold(f: ProgramFixture): Promise<string> {
  const res = await api
    .http()
    .post(`/v1/programs/${f.program.code}/participants/${f.merchant.code}/redemptions`)
    .set(bearer(f.tokens.merchant))
    .set('idempotency-key', `matrix-hold-${++seq}`)
    .send({ code: await freshCode(f), points: 1 });
  if (res.status !== 201) throw new Error(`matrix hold: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/** Captures a hold of the program's merchant in whole. */
async function captureHold(f: ProgramFixture, redemption: string): Promise<void> {
  const res = await api
    .http()
    .post(
      `/v1/programs/${f.program.code}/participants/${f.merchant.code}/redemptions/${redemption}/capture`,
    )
    .set(bearer(f.tokens.merchant))
    .set('idempotency-key', `matrix-capture-${++seq}`)
    .send({});
  if (res.status !== 200)
    throw new Error(`matrix capture: ${res.status} ${JSON.stringify(res.body)}`);
}

// A cleared cycle of each program (its merchant's capture of the first operator's points, closed,
// aggregated and issued), so routes that name a cycle or a file have them to name: the file of
// each participant by its code.
const clearedCycles: Record<'a' | 'b', { seq: string; files: Record<string, string> }> = {
  a: { seq: '', files: {} },
  b: { seq: '', files: {} },
};

async function clearedCycle(
  f: ProgramFixture,
): Promise<{ seq: string; files: Record<string, string> }> {
  await captureHold(f, await freshHold(f));
  const steps = api.app.get(CycleSteps);
  const seq = await steps.close(f.program);
  await steps.aggregate(f.program, seq);
  await steps.issue(f.program, seq);
  const rows: { id: string; participant_id: number }[] = await api.app.get(DataSource).query(
    `SELECT f.id, f.participant_id FROM clearing_files f JOIN clearing_cycles c ON c.id = f.cycle_id
      WHERE c.program_id = ? AND c.seq = ? ORDER BY f.id`,
    [f.program.id, seq],
  );
  const fileOf = (id: number) => rows.find((r) => r.participant_id === id)!.id;
  return {
    seq: String(seq),
    files: { [f.merchant.code]: fileOf(f.merchant.id), [f.operator.code]: fileOf(f.operator.id) },
  };
}

/** A new redemption code of the program's resident. */
async function freshCode(f: ProgramFixture): Promise<string> {
  const res = await api
    .http()
    .post(`/v1/programs/${f.program.code}/residents/me/redemption-codes`)
    .set(bearer(f.tokens.resident))
    .send({});
  return res.body.code;
}

// Stores and offers of both merchants, so routes that name one have one to name (and B's own,
// for a merchant of A to name under its own path).
const MATRIX_ITEM = 'matrix-item';
const B_ONLY_ITEM = 'b-only-item';

async function seedShops(): Promise<void> {
  const stores = api.app.get(MerchantStoresService);
  const offers = api.app.get(MerchantOffersService);
  const items: [ProgramFixture, string][] = [
    [t.a, MATRIX_ITEM],
    [t.b, MATRIX_ITEM],
    [t.b, B_ONLY_ITEM],
  ];
  for (const [f, code] of items) {
    await stores.create(f.program, f.merchant, {
      code,
      name: `${f.program.code} ${code} store`,
      district: '440305',
    });
    await offers.create(f.program, f.merchant, {
      code,
      title: `${f.program.code} ${code} offer`,
      description: null,
      pricePoints: 10,
      stock: null,
      validFrom: '2020-01-01T00:00:00Z',
      validUntil: '2099-01-01T00:00:00Z',
      limitPerResidentPerDay: null,
      acceptedIssuers: [f.operator.code],
    });
  }
}

// A finished callback delivery of each program's operator, so routes that name one have one to
// name; a permitted redeliver gets a fresh one (a redelivered one is pending, and refused again).
const deliveries: Record<'a' | 'b', string> = { a: '', b: '' };

async function freshDelivery(f: ProgramFixture): Promise<string> {
  const id = `cbd_${createHash('sha256').update(`matrix-delivery-${++seq}`).digest('hex').slice(0, 16)}`;
  await api.app.get(DataSource).query(
    `INSERT INTO callback_deliveries (id, program_id, participant_id, status, attempts, created_at, finished_at)
     VALUES (?, ?, ?, 'delivered', 1, NOW(3), NOW(3))`,
    [id, f.program.id, f.operator.id],
  );
  return id;
}

/** Routes of a merchant's own things: an admin or the bureau names the merchant, not the operator. */
const MERCHANT_ROUTE = /\/participants\/\{participant\}\/(stores|offers|redemptions)\b/;

// Witness keys of program A: one for the revoke route, one whose cosignature the bureau submits.
const MATRIX_WITNESS = 'matrix.witness';
let cosignature: { size: number; signature: string };

function witnessKey(name: string) {
  const secretKey = new Uint8Array(createHash('sha256').update(`matrix:${name}`).digest());
  return {
    signer: { name, secretKey },
    vkey: formatCosignatureVerifierKey({ name, publicKey: publicKeyFromSecret(secretKey) }),
  };
}

/** Registers A's witnesses, seals their leaves into a checkpoint and cosigns it. */
async function seedWitnesses(): Promise<void> {
  const witnesses = api.app.get(AuditWitnesses);
  const cosigner = witnessKey('matrix.cosigner');
  await witnesses.register(t.a.program.id, witnessKey(MATRIX_WITNESS).vkey);
  await witnesses.register(t.a.program.id, cosigner.vkey);
  // The api has no integrator (a worker timer): one built from the api's own parts seals once.
  const keyring = new AuditKeyring(
    api.app.get(APP_CONFIG),
    api.app.get(DataSource),
    api.app.get(SecretsKeyring),
  );
  await keyring.onModuleInit();
  const integrator = new AuditIntegrator(
    api.app.get(DataSource),
    api.app.get(APP_CONFIG),
    keyring,
    api.app.get(AuditTreeStore),
    api.app.get(AuditLogWriter),
    api.app.get(AuditSigningKeys),
  );
  await integrator.integrate(t.a.program.id);
  const [{ tree_size: size, note }] = await api.app
    .get(DataSource)
    .query(
      'SELECT tree_size, note FROM audit_checkpoints WHERE program_id = ? ORDER BY tree_size DESC LIMIT 1',
      [t.a.program.id],
    );
  const body = note.slice(0, note.indexOf('\n\n') + 1);
  cosignature = {
    size: Number(size),
    signature: cosignCheckpoint(cosigner.signer, body, Math.floor(Date.now() / 1000)),
  };
}

beforeAll(async () => {
  api = await startTestApi('matrix');
  t = await seedTenancy(api.app);
  await seedEvents();
  await seedShops();
  await seedWitnesses();
  await seedRedemptionCodes();
  await seedHolds();
  clearedCycles.a = await clearedCycle(t.a);
  clearedCycles.b = await clearedCycle(t.b);
  // Both programs have a viewing key, so the bureau's listing has one to wrap under.
  for (const f of [t.a, t.b]) await api.app.get(ViewingKeys).issue(f.program.id);
  // Both operators and both merchants have a callback, so its routes have one to show, stop and
  // rotate.
  for (const f of [t.a, t.b]) {
    const callbacks = api.app.get(CallbackConfigService);
    await callbacks.set(f.operator, `https://${f.program.code}.example/cb`);
    await callbacks.set(f.merchant, `https://${f.program.code}.example/merchant-cb`);
  }
  for (const key of ['a', 'b'] as const) deliveries[key] = await freshDelivery(t[key]);
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

/** Logout ends the token it is sent with: give it a throwaway session of the same resident. */
async function tokenFor(role: Role, op: Operation): Promise<string> {
  if (role === 'resident' && op.method === 'delete' && op.path.endsWith('/sessions/current')) {
    const login = api.app.get(ResidentLoginService);
    return (await login.login(t.a.program, 'dev:alpha-resident')).token;
  }
  return tokenOf(role);
}

/** The path values a principal would use for its own things. */
function ownTarget(role: Role, spare: Spare, op?: Operation): Target {
  const own =
    role === 'merchant' || (op && MERCHANT_ROUTE.test(op.path)) ? t.a.merchant : t.a.operator;
  return {
    program: t.a.program.code,
    participant: own.code,
    keyId: role === 'merchant' ? spare.merchantKey : spare.operatorKey,
    secretId: spare.operatorSecret,
    // MATRIX@1 is the draft the first permitted create makes; publish and retire repeat as no-ops.
    code: 'MATRIX',
    version: '1',
    operator: t.a.operator.code,
    eventId: MATRIX_EVENT,
    name: MATRIX_WITNESS,
    codeId: residentCodes.a,
    store: MATRIX_ITEM,
    offer: MATRIX_ITEM,
    redemption: heldRedemptions.a,
    delivery: deliveries.a,
    cycle: clearedCycles.a.seq,
    file: clearedCycles.a.files[own.code],
  };
}

function otherProgramTarget(role: Role, b: ProgramFixture): Target {
  const other = role === 'merchant' ? b.merchant : b.operator;
  return {
    program: b.program.code,
    participant: other.code,
    keyId: role === 'merchant' ? b.keyIds.merchant : b.keyIds.operator,
    secretId: b.webhookSecretIds.operator,
    code: 'MATRIX',
    version: '1',
    operator: t.b.operator.code,
    eventId: MATRIX_EVENT,
    name: MATRIX_WITNESS,
    codeId: residentCodes.b,
    store: MATRIX_ITEM,
    offer: MATRIX_ITEM,
    redemption: heldRedemptions.b,
    delivery: deliveries.b,
    cycle: clearedCycles.b.seq,
    file: clearedCycles.b.files[other.code],
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
    operator: other.code,
    eventId: MATRIX_EVENT,
    store: MATRIX_ITEM,
    offer: MATRIX_ITEM,
    redemption: heldRedemptions.a,
    delivery: deliveries.a,
    cycle: clearedCycles.a.seq,
    file: clearedCycles.a.files[other.code],
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
    operator: own.code,
    // Exist only in program B.
    eventId: B_ONLY_EVENT,
    store: B_ONLY_ITEM,
    offer: B_ONLY_ITEM,
    redemption: heldRedemptions.b,
    delivery: deliveries.b,
    cycle: clearedCycles.a.seq,
    // Program B's file of the same kind.
    file: clearedCycles.b.files[role === 'operator' ? t.b.operator.code : t.b.merchant.code],
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

const matrixMethodology = {
  title: 'matrix',
  behaviour: 'matrix',
  model: 'per_event',
  eventMg: 1000,
  source: 'matrix',
  effectiveFrom: '2020-01-01T00:00:00+08:00',
};

/** A valid body for each writing route, so a permitted call really succeeds. */
async function bodyFor(op: Operation, mine = false): Promise<object | undefined> {
  if (op.method === 'get' || op.method === 'delete') return undefined;
  seq += 1;
  // A code is good for one hold: a fresh one of program A's resident for a permitted call.
  if (
    `${op.method} ${op.path}` ===
    'post /v1/programs/{program}/participants/{participant}/redemptions'
  ) {
    return { code: mine ? await freshCode(t.a) : 'RCAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', points: 1 };
  }
  // A binding token is good for one redeem: mint a fresh one (program A's operator) per call.
  if (`${op.method} ${op.path}` === 'post /v1/programs/{program}/residents/me/bindings') {
    const issued = await api.app.get(BindingsService).issueToken(t.a.operator, `matrix-${seq}`);
    return { token: issued.token };
  }
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
    'put /v1/programs/{program}/participants/{participant}/callback': {
      url: 'https://alpha.example/cb',
    },
    'post /v1/programs/{program}/participants/{participant}/callback/rotate-secret': {},
    'put /v1/programs/{program}/participants/{participant}/funding/credit-limit': {
      creditLimitPoints: 100,
    },
    'post /v1/programs/{program}/participants/{participant}/funding/top-ups': {
      points: 1,
      reference: `matrix-${seq}`,
    },
    'post /v1/programs/{program}/methodologies': { code: 'MATRIX', definition: matrixMethodology },
    'put /v1/programs/{program}/methodologies/{code}/versions/{version}': {
      definition: { ...matrixMethodology, title: `matrix ${seq}` },
    },
    'post /v1/programs/{program}/methodologies/{code}/versions/{version}/publish': {},
    'post /v1/programs/{program}/methodologies/preview': { definition: matrixMethodology },
    'post /v1/programs/{program}/participants/{participant}/callback/deliveries/{delivery}/redeliver':
      {},
    'post /v1/programs/{program}/methodologies/{code}/versions/{version}/retire': {},
    'post /v1/programs/{program}/participants/{participant}/binding-tokens': {
      user: `matrix-${seq}`,
    },
    'post /v1/programs/{program}/audit/witnesses': { vkey: witnessKey(`matrix.w${seq}`).vkey },
    'post /v1/programs/{program}/audit/cosignatures': cosignature,
    'put /v1/programs/{program}/residents/me/subscriptions': {
      topic: 'expiry_reminder',
      accepted: true,
    },
    'post /v1/programs/{program}/residents/me/purchases': {
      merchant: t.a.merchant.code,
      offer: MATRIX_ITEM,
    },
    'post /v1/programs/{program}/residents/me/redemption-codes': {
      merchant: t.a.merchant.code,
      maxPoints: 100,
      ttlSeconds: 30,
    },
    'post /v1/programs/{program}/participants/{participant}/redemptions/{redemption}/capture': {
      points: 1,
    },
    'post /v1/programs/{program}/participants/{participant}/redemptions/{redemption}/void': {},
    'post /v1/programs/{program}/participants/{participant}/redemptions/{redemption}/refunds': {
      refundId: `matrix-${seq}`,
      points: 1,
    },
    'post /v1/programs/{program}/participants/{participant}/stores': {
      code: `matrix-${seq}`,
      name: 'matrix store',
      district: '440305',
    },
    'patch /v1/programs/{program}/participants/{participant}/stores/{store}': {
      name: `matrix store ${seq}`,
    },
    'post /v1/programs/{program}/participants/{participant}/offers': {
      code: `matrix-${seq}`,
      title: 'matrix offer',
      pricePoints: 5,
      validFrom: '2020-01-01T00:00:00Z',
      validUntil: '2099-01-01T00:00:00Z',
    },
    'patch /v1/programs/{program}/participants/{participant}/offers/{offer}': {
      title: `matrix offer ${seq}`,
    },
    'post /v1/programs/{program}/staff': { name: `matrix staff ${seq}`, label: 'matrix' },
    'put /v1/programs/{program}/clearing/settings': { merchantFeeBps: 0 },
    'post /v1/programs/{program}/clearing/cycles/close': {},
    // Each permitted call confirms a fresh cycle's 1 point (call() makes it).
    'post /v1/programs/{program}/participants/{participant}/clearing/cycles/{cycle}/confirmation': {
      bankReference: `MATRIX-${seq}`,
      amountFen: '1',
    },
  };
  const body = bodies[`${op.method} ${op.path}`];
  if (!body)
    throw new Error(`matrix has no sample body for ${op.method.toUpperCase()} ${op.path}: add one`);
  return body;
}

const RANGE = '?from=2026-01-01&to=2026-01-31';

/** Required query parameters of reading routes, so a permitted call really succeeds. */
const QUERIES: Record<string, string> = {
  // The first leaf of the program's log (sealed by seedWitnesses).
  'get /v1/programs/{program}/audit/viewing/entries': '?start=0&end=1',
  // The dashboards need a range.
  'get /v1/programs/{program}/dashboards/reductions': RANGE,
  'get /v1/programs/{program}/dashboards/reductions/records': RANGE,
  'get /v1/programs/{program}/dashboards/active-residents': RANGE,
  'get /v1/programs/{program}/dashboards/points': RANGE,
  'get /v1/programs/{program}/participants/{participant}/dashboards/reductions': RANGE,
  'get /v1/programs/{program}/participants/{participant}/dashboards/reductions/records': RANGE,
  'get /v1/programs/{program}/participants/{participant}/dashboards/active-residents': RANGE,
  'get /v1/programs/{program}/participants/{participant}/dashboards/points': RANGE,
};

/** One call of the route as the role on the target; `token` stands in for the role's own. */
async function call(op: Operation, role: Role, target: Target, token?: string) {
  // A permitted call on program A's merchant gets fresh things to act on: a capture or void needs a
  // hold still held, a hold a code not yet used.
  const permitted = Array.isArray(op.access) && (op.access as Role[]).includes(role);
  const mine =
    permitted && target.program === t.a.program.code && target.participant === t.a.merchant.code;
  const ownHold = target.redemption === heldRedemptions.a; // not another program's, named on purpose
  if (mine && ownHold && op.method === 'post' && op.path.includes('{redemption}')) {
    const redemption = await freshHold(t.a);
    // A refund needs a capture to give back.
    if (op.path.endsWith('/refunds')) await captureHold(t.a, redemption);
    target = { ...target, redemption };
  }
  const ownOperator =
    permitted && target.program === t.a.program.code && target.participant === t.a.operator.code;
  if (ownOperator && target.delivery === deliveries.a && op.path.endsWith('/redeliver')) {
    // The matrix's DELETE of the callback may have stopped it: a redelivery needs it on.
    await api.app
      .get(CallbackConfigService)
      .set(t.a.operator, `https://${t.a.program.code}.example/cb`);
    target = { ...target, delivery: await freshDelivery(t.a) };
  }
  // A confirmation needs a cycle whose payment is still to confirm.
  const own = { operator: t.a.operator.code, merchant: t.a.merchant.code } as Record<Role, string>;
  if (
    permitted &&
    target.program === t.a.program.code &&
    (own[role] ?? target.participant) === target.participant &&
    op.path.endsWith('/confirmation')
  )
    target = { ...target, cycle: (await clearedCycle(t.a)).seq };
  const req = api
    .http()
    [op.method as 'get'](fill(op.path, target) + (QUERIES[`${op.method} ${op.path}`] ?? ''))
    .set(bearer(token ?? (await tokenFor(role, op))));
  if (op.method !== 'get' && op.method !== 'delete') req.set('idempotency-key', `matrix-${++seq}`);
  const body = await bodyFor(op, mine);
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
    b.residentId,
    residentCodes.b,
    `https://${b.program.code}.example/cb`,
    `https://${b.program.code}.example/merchant-cb`,
    `${b.program.code} ${MATRIX_ITEM} store`,
    `${b.program.code} ${MATRIX_ITEM} offer`,
  ];
}

async function snapshot(): Promise<string> {
  const ds = api.app.get(DataSource);
  const parts: unknown[] = [];
  // Sessions and binding tokens are left out: the matrix itself mints them (logout, bindings).
  for (const table of [
    'programs',
    'participants',
    'staff_users',
    'api_keys',
    'webhook_secrets',
    'residents',
    'resident_bindings',
    'inbox_events',
    'participant_callbacks',
    'redemption_codes',
    'redemptions',
    'redemption_allocations',
    'redemption_refunds',
    'offer_purchase_days',
    'merchant_stores',
    'merchant_offers',
    'merchant_offer_issuers',
    'clearing_cycles',
    'clearing_positions',
    'clearing_files',
  ]) {
    // last_used_at moves on every authenticated call by design; everything else must stay put.
    parts.push(await ds.query(`SELECT * FROM ${table} ORDER BY 1`));
  }
  return JSON.stringify(parts, (key, value) => (key === 'last_used_at' ? undefined : value));
}

// Another resident of program A, and an operator user only program A's own resident is bound to.
const OTHER_RESIDENT = 'dev:alpha-other-resident';
const A_ONLY_USER = 'matrix-alpha-resident-only';

/** Every row of one resident: another resident's calls must leave each as it is. */
async function residentSnapshot(publicId: string): Promise<string> {
  const ds = api.app.get(DataSource);
  const [{ id }] = await ds.query('SELECT id FROM residents WHERE public_id = ?', [publicId]);
  const parts: unknown[] = [await ds.query('SELECT * FROM residents WHERE id = ?', [id])];
  for (const table of [
    'resident_sessions',
    'resident_bindings',
    'redemption_codes',
    'redemptions',
    'offer_purchase_days',
  ])
    parts.push(await ds.query(`SELECT * FROM ${table} WHERE resident_id = ? ORDER BY 1`, [id]));
  return JSON.stringify(parts);
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
    const guarded = operations.filter((op) => Array.isArray(op.access));
    expect(guarded.length).toBeGreaterThanOrEqual(12);
  });

  it('refuses every guarded endpoint without a key, with a malformed key and with a revoked key', async () => {
    const keys = api.app.get(ApiKeysService);
    const revoked = await keys.issueForParticipant(t.a.program.id, t.a.operator.id, 'to revoke');
    await keys.revokeForParticipant(t.a.operator.id, revoked.key.id);
    const problems: string[] = [];
    const spare = await spareCredentials();
    for (const op of operations.filter((o) => Array.isArray(o.access))) {
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
    for (const op of operations.filter((o) => Array.isArray(o.access))) {
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
        if (/\{(keyId|secretId|store|offer|redemption|file|delivery)\}/.test(op.path)) {
          await check('foreign child id', op, role, foreignChildTarget(role), [
            t.b.operator.name,
            `${t.b.program.code} ${B_ONLY_ITEM} store`,
            `${t.b.program.code} ${B_ONLY_ITEM} offer`,
          ]);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it('lets each role do exactly what the route declares, on its own things', async () => {
    const spare = await spareCredentials();
    const problems: string[] = [];
    for (const op of operations.filter((o) => Array.isArray(o.access))) {
      for (const role of ROLES) {
        const allowed = (op.access as Role[]).includes(role);
        const res = await call(op, role, ownTarget(role, spare, op));
        // The fixture's operator is prepaid: a credit limit is refused it past the access guard
        // (not_postpaid, funding-credit-limit.e2e-spec.ts sets one on a postpaid operator).
        const pastGuard =
          op.path.endsWith('/funding/credit-limit') && res.body?.code === 'not_postpaid';
        const ok = (res.status >= 200 && res.status < 300) || pastGuard;
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

  it("never shows or changes one resident's things to another resident of the same program", async () => {
    // Program A's resident has a binding and a redemption code of their own that could leak.
    const issued = await api.app.get(BindingsService).issueToken(t.a.operator, A_ONLY_USER);
    await api
      .http()
      .post(`/v1/programs/${t.a.program.code}/residents/me/bindings`)
      .set(bearer(t.a.tokens.resident))
      .send({ token: issued.token })
      .expect(201);
    // A live code, so a revoke reaching it would show in the snapshot.
    const live = await api
      .http()
      .post(`/v1/programs/${t.a.program.code}/residents/me/redemption-codes`)
      .set(bearer(t.a.tokens.resident))
      .send({})
      .expect(201);
    const login = api.app.get(ResidentLoginService);
    const otherLogin = await login.login(t.a.program, OTHER_RESIDENT);
    const other = otherLogin.token;
    // Points of their own, so the other resident's purchase really succeeds on their own lots.
    await givePoints(t.a, otherLogin.resident.publicId, 'matrix:other-resident');
    const before = await residentSnapshot(t.a.residentId);
    // The paths as program A's resident would fill them, with its live code.
    const target = { ...ownTarget('resident', await spareCredentials()), codeId: live.body.id };
    const forbidden = [
      t.a.residentId,
      residentCodes.a,
      live.body.id,
      A_ONLY_USER,
      heldRedemptions.a,
    ];
    const problems: string[] = [];
    const residentsOwn = operations.filter(
      (op) =>
        /\/residents\/me(\/|$)/.test(op.path) &&
        Array.isArray(op.access) &&
        op.access.includes('resident'),
    );
    expect(residentsOwn.length).toBeGreaterThanOrEqual(8);
    for (const op of residentsOwn) {
      // Logout ends the token it is sent with: a throwaway session of the other resident.
      const logout = op.method === 'delete' && op.path.endsWith('/sessions/current');
      const token = logout ? (await login.login(t.a.program, OTHER_RESIDENT)).token : other;
      const res = await call(op, 'resident', target, token);
      const label = `${op.method.toUpperCase()} ${op.path}`;
      // A path naming one of the first resident's things answers as if it did not exist; the
      // others act on the caller's own things, and must succeed (so the caller really was signed in).
      const namesAThing = /\{(?!program\})\w+\}/.test(op.path);
      if (namesAThing ? res.status !== 404 : res.status < 200 || res.status >= 300)
        problems.push(`${label} → ${res.status} ${JSON.stringify(res.body)}`);
      for (const marker of forbidden)
        if (JSON.stringify(res.body).includes(marker)) problems.push(`${label} leaked "${marker}"`);
    }
    expect(problems).toEqual([]);
    expect(await residentSnapshot(t.a.residentId)).toEqual(before);
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
