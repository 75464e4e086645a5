/**
 * A merchant's holds on a resident's points (docs/redemption.md): made with the resident's code,
 * taking their lots oldest expiry first and counting against their balance at once; captured once,
 * in part, the rest back to its lots; voided back whole; refused once expired by the database's
 * clock, and given back by the worker's sweeper; every POST idempotent under its key. The log still verifies for anyone, for the bureau
 * and for the resident on the phone. Real MariaDB, Redis, api (listening) and worker.
 */
import { HttpAuditLogSource, verifyAccount, verifyAuditLog } from '@tanlian/sdk';
import type { AddressInfo } from 'node:net';
import { AuditFsck } from '../../src/audit/services/audit-fsck';
import { LedgerCheck } from '../../src/invariants/ledger-check';
import { ResidentSessionsService } from '../../src/residents/services/resident-sessions.service';
import { accountCheckInput } from '../support/account-check-input';
import { bureauViewing } from '../support/bureau-viewing';
import { EarnEnv, metroRide } from '../support/earn-env';
import { seedMerchant } from '../support/tenancy-fixtures';
import { bearer } from '../support/test-app';

let env: EarnEnv;
let url: string;
let mei: string;
let cafe: { code: string; token: string };
let books: { code: string; token: string };
let keys = 0;

beforeAll(async () => {
  env = await EarnEnv.start('holds', { AUDIT_INTEGRATE_INTERVAL_MS: '100' });
  await env.api.app.listen(0, '127.0.0.1');
  url = `http://127.0.0.1:${(env.api.app.getHttpServer().address() as AddressInfo).port}`;
  await env.startWorker();
  const meiId = await env.bindResident('wx-mei', env.operators.metro, 'mei');
  for (const [ride, minutesAgo] of [
    ['m-1', 300],
    ['m-2', 200],
  ] as const) {
    await env.push(env.operators.metro, metroRide(ride, 'mei', { minutesAgo })).expect(202);
  }
  await env.processed();
  mei = (await env.api.app.get(ResidentSessionsService).open(meiId)).token;
  for (const code of ['cafe', 'books']) {
    const seeded = await seedMerchant(env.api.app, env.program, code);
    if (code === 'cafe') cafe = { code, token: seeded.token };
    else books = { code, token: seeded.token };
  }
});
afterAll(() => env.stop());

const base = () => `/v1/programs/${env.program.code}`;

async function balance(): Promise<number> {
  const res = await env.api
    .http()
    .get(`${base()}/residents/me/account`)
    .set(bearer(mei))
    .expect(200);
  return Number(res.body.points.balance);
}

async function code(merchant = cafe.code): Promise<string> {
  const res = await env.api
    .http()
    .post(`${base()}/residents/me/redemption-codes`)
    .set(bearer(mei))
    .send({ merchant })
    .expect(201);
  return res.body.code;
}

function post(path: string, body: object, key = `key-${++keys}`, token = cafe.token) {
  return env.api
    .http()
    .post(`${base()}/participants/${cafe.code}/redemptions${path}`)
    .set(bearer(token))
    .set('idempotency-key', key)
    .send(body);
}

it('holds points with the code, oldest lots first, counted against the balance at once', async () => {
  const before = await balance();
  expect(before).toBeGreaterThan(10);
  const res = await post('', { code: await code(), points: 10, merchantOrderId: 'o-1' }).expect(
    201,
  );
  expect(res.body).toMatchObject({
    status: 'held',
    merchant: 'cafe',
    merchantOrderId: 'o-1',
    heldPoints: 10,
    capturedPoints: 0,
    allocations: [{ issuer: 'metro', heldPoints: 10, capturedPoints: 0 }],
  });
  expect(await balance()).toBe(before - 10);
});

it('answers a retry under the same key with the first answer, marked replayed', async () => {
  const body = { code: await code(), points: 3 };
  const first = await post('', body, 'same-key').expect(201);
  const again = await post('', body, 'same-key').expect(201);
  expect(again.headers['idempotent-replayed']).toBe('true');
  expect(again.body).toEqual(first.body);
  // Another request under the key is refused.
  expect((await post('', { ...body, points: 4 }, 'same-key').expect(409)).body.code).toBe(
    'idempotency_key_reused',
  );
});

it('refuses a used code, a code for another merchant, and more points than the resident has', async () => {
  const used = await code();
  await post('', { code: used, points: 1 }).expect(201);
  expect((await post('', { code: used, points: 1 }).expect(401)).body.code).toBe(
    'resident_token_invalid',
  );
  await post('', { code: await code(books.code), points: 1 }).expect(401);
  const before = await balance();
  const tooMuch = { code: await code(), points: 1_000_000 };
  const refused = await post('', tooMuch, 'too-much').expect(422);
  expect(refused.body).toMatchObject({ code: 'insufficient_points' });
  // The failure is the operation's answer: replayed as it was; no points moved.
  const replay = await post('', tooMuch, 'too-much').expect(422);
  expect(replay.headers['idempotent-replayed']).toBe('true');
  expect(replay.body).toEqual(refused.body);
  expect(await balance()).toBe(before);
});

it('captures once, in part: the rest goes back to its lot', async () => {
  const before = await balance();
  const held = await post('', { code: await code(), points: 8 }).expect(201);
  const id = held.body.id;
  const captured = await post(`/${id}/capture`, { points: 5 }).expect(200);
  expect(captured.body).toMatchObject({ status: 'captured', heldPoints: 8, capturedPoints: 5 });
  expect(await balance()).toBe(before - 5);
  expect((await post(`/${id}/capture`, {}).expect(409)).body.code).toBe('hold_already_captured');
  expect((await post(`/${id}/void`, {}).expect(409)).body.code).toBe('hold_already_captured');
});

it('refuses to capture more than the hold, and voids a hold back whole', async () => {
  const before = await balance();
  const held = await post('', { code: await code(), points: 6 }).expect(201);
  const id = held.body.id;
  expect((await post(`/${id}/capture`, { points: 7 }).expect(422)).body.code).toBe(
    'exceeds_hold_amount',
  );
  await post(`/${id}/void`, {}).expect(200);
  expect(await balance()).toBe(before);
  expect((await post(`/${id}/capture`, {}).expect(409)).body.code).toBe('hold_already_voided');
});

/** Until the worker has released every hold past its time (so that no later balance moves under a test). */
async function swept(): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const [{ n }]: { n: string }[] = await env.db.query(
      "SELECT COUNT(*) AS n FROM redemptions WHERE status = 'held' AND expires_at <= NOW(3)",
    );
    if (Number(n) === 0 || Date.now() > deadline) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

it('refuses a capture once the hold expired by the database clock, before any sweeper', async () => {
  const held = await post('', { code: await code(), points: 2, ttlSeconds: 60 }).expect(201);
  await env.db.query(
    'UPDATE redemptions SET expires_at = NOW(3) - INTERVAL 1 SECOND WHERE public_id = ?',
    [held.body.id],
  );
  expect((await post(`/${held.body.id}/capture`, {}).expect(409)).body.code).toBe('hold_expired');
  await swept(); // the worker gives its points back: no later balance moves under a test
});

it('refunds a capture in parts, each refund id once, never more than the capture', async () => {
  const before = await balance();
  const held = await post('', { code: await code(), points: 8 }).expect(201);
  const id = held.body.id;
  await post(`/${id}/capture`, {}).expect(200);
  expect(await balance()).toBe(before - 8);
  const first = await post(`/${id}/refunds`, { refundId: 'r-1', points: 3 }).expect(200);
  expect(first.body).toMatchObject({ status: 'partially_refunded', refundedPoints: 3 });
  expect(await balance()).toBe(before - 5);
  // The same refund id again, under a new key: the same refund, no second effect.
  const again = await post(`/${id}/refunds`, { refundId: 'r-1', points: 3 }).expect(200);
  expect(again.body).toEqual(first.body);
  expect((await post(`/${id}/refunds`, { refundId: 'r-1', points: 4 }).expect(409)).body.code).toBe(
    'refund_id_reused',
  );
  expect((await post(`/${id}/refunds`, { refundId: 'r-2', points: 6 }).expect(422)).body.code).toBe(
    'refund_exceeds_captured',
  );
  const rest = await post(`/${id}/refunds`, { refundId: 'r-2', points: 5 }).expect(200);
  expect(rest.body).toMatchObject({ status: 'refunded', refundedPoints: 8 });
  expect(await balance()).toBe(before);
  // Only a capture can be refunded.
  const open = await post('', { code: await code(), points: 1 }).expect(201);
  expect(
    (await post(`/${open.body.id}/refunds`, { refundId: 'r-1', points: 1 }).expect(409)).body.code,
  ).toBe('hold_not_captured');
  await post(`/${open.body.id}/void`, {}).expect(200);
});

it('gives one refund id sent ten times at once one effect and one answer', async () => {
  const before = await balance();
  const held = await post('', { code: await code(), points: 6 }).expect(201);
  await post(`/${held.body.id}/capture`, {}).expect(200);
  const storm = await Promise.all(
    Array.from({ length: 10 }, () =>
      post(`/${held.body.id}/refunds`, { refundId: 'storm', points: 2 }),
    ),
  );
  expect(storm.map((r) => r.status)).toEqual(Array(10).fill(200));
  expect(new Set(storm.map((r) => JSON.stringify(r.body))).size).toBe(1);
  expect(storm[0].body).toMatchObject({ refundedPoints: 2 });
  expect(await balance()).toBe(before - 4);
});

it('gives the points of a hold nobody captured back, by the worker', async () => {
  await swept();
  const before = await balance();
  const held = await post('', { code: await code(), points: 4, ttlSeconds: 60 }).expect(201);
  expect(await balance()).toBe(before - 4);
  await env.db.query(
    'UPDATE redemptions SET expires_at = NOW(3) - INTERVAL 1 SECOND WHERE public_id = ?',
    [held.body.id],
  );
  const deadline = Date.now() + 15_000;
  let status = 'held';
  while (status === 'held' && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    const res = await env.api
      .http()
      .get(`${base()}/participants/${cafe.code}/redemptions/${held.body.id}`)
      .set(bearer(cafe.token))
      .expect(200);
    status = res.body.status;
  }
  expect(status).toBe('expired');
  expect(await balance()).toBe(before);
  expect((await post(`/${held.body.id}/capture`, {}).expect(409)).body.code).toBe('hold_expired');
});

it("keeps a merchant's redemptions its own", async () => {
  const held = await post('', { code: await code(), points: 1 }).expect(201);
  await env.api
    .http()
    .get(`${base()}/participants/${cafe.code}/redemptions/${held.body.id}`)
    .set(bearer(cafe.token))
    .expect(200);
  await env.api
    .http()
    .get(`${base()}/participants/${cafe.code}/redemptions/${held.body.id}`)
    .set(bearer(books.token))
    .expect(404);
  await env.api
    .http()
    .get(`${base()}/participants/${books.code}/redemptions/${held.body.id}`)
    .set(bearer(books.token))
    .expect(404);
});

it('leaves a log that verifies for anyone, for the bureau, in the fsck, and on the phone', async () => {
  await env.sealed();
  const source = new HttpAuditLogSource({ url, program: env.program.code });
  expect(await verifyAuditLog(source, { program: env.program.code })).toMatchObject({
    ok: true,
  });
  expect(
    await verifyAuditLog(source, {
      program: env.program.code,
      viewing: { source: (await bureauViewing(env, url)).source },
    }),
  ).toMatchObject({ ok: true, discrepancy: null });
  expect(await env.worker!.get(AuditFsck).check(env.program)).toMatchObject({ status: 'pass' });
  expect(await new LedgerCheck(env.db).run(env.program.code)).toMatchObject({ ok: true });

  const page = await env.api
    .http()
    .get(`${base()}/residents/me/audit-entries`)
    .set(bearer(mei))
    .expect(200);
  const account = await env.api
    .http()
    .get(`${base()}/residents/me/account`)
    .set(bearer(mei))
    .expect(200);
  const displayed = account.body.points.lots.map(
    (l: { issuer: string; expiresOn: string; points: string }) => ({
      asset: `points:${l.issuer}`,
      expiresOn: l.expiresOn,
      points: l.points,
    }),
  );
  const result = verifyAccount({
    ...accountCheckInput(page.body, env.program.code, await env.auditKeys()),
    displayed,
  });
  expect(result).toMatchObject({ ok: true });
});
