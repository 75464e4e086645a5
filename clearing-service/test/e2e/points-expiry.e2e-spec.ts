/**
 * Lots expire on their date (an injected day): what is left of each moves to its issuer's expired
 * account, once, with a resident entry in the audit log (leaf format 2, `points_expiry`), and the
 * log still verifies for anyone, for the bureau and for the resident on the phone. Real MariaDB,
 * Redis, api (listening) and worker.
 */
import {
  HttpAuditLogSource,
  verifyAccount,
  verifyAuditLog,
  type ResidentEntriesView,
} from '@tanlian/sdk';
import type { AddressInfo } from 'node:net';
import { AuditFsck } from '../../src/audit/services/audit-fsck';
import { LedgerCheck } from '../../src/invariants/ledger-check';
import { PointsExpiry } from '../../src/ledger/services/points-expiry';
import { ResidentSessionsService } from '../../src/residents/services/resident-sessions.service';
import { accountCheckInput } from '../support/account-check-input';
import { bureauViewing } from '../support/bureau-viewing';
import { EarnEnv, metroRide } from '../support/earn-env';
import { bearer } from '../support/test-app';

let env: EarnEnv;
let url: string;
let meiId: number;

beforeAll(async () => {
  env = await EarnEnv.start('points-expiry', { AUDIT_INTEGRATE_INTERVAL_MS: '100' });
  await env.api.app.listen(0, '127.0.0.1');
  url = `http://127.0.0.1:${(env.api.app.getHttpServer().address() as AddressInfo).port}`;
  await env.startWorker();
  meiId = await env.bindResident('wx-mei', env.operators.metro, 'mei');
  await env.bindResident('wx-kai', env.operators.metro, 'kai');
  await env.push(env.operators.metro, metroRide('m-1', 'mei', { minutesAgo: 90 })).expect(202);
  await env.push(env.operators.metro, metroRide('k-1', 'kai', { minutesAgo: 80 })).expect(202);
  await env.processed();
});
afterAll(() => env.stop());

async function residentLots(): Promise<
  { owner_id: number; expires_on: string; balance: string }[]
> {
  return env.db.query(
    `SELECT owner_id, DATE_FORMAT(expires_on, '%Y-%m-%d') AS expires_on, balance FROM ledger_accounts
      WHERE program_id = ? AND kind = 'resident' ORDER BY owner_id`,
    [env.program.id],
  );
}

const dayAfter = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

it('expires nothing on a lot’s own date, everything left of it the day after, and only once', async () => {
  const lots = await residentLots();
  expect(lots).toHaveLength(2);
  const total = lots.reduce((s, l) => s + Number(l.balance), 0);
  expect(total).toBeGreaterThan(0);
  const expiry = env.worker!.get(PointsExpiry);
  const date = lots[0].expires_on;

  expect(await expiry.expireDue(env.program, date)).toBe(0);
  expect(await expiry.programsWithDueLots(dayAfter(date))).toEqual([env.program.id]);
  expect(await expiry.expireDue(env.program, dayAfter(date))).toBe(2);
  expect(await expiry.expireDue(env.program, dayAfter(date))).toBe(0);

  expect((await residentLots()).map((l) => l.balance)).toEqual(['0', '0']);
  const [expired]: { balance: string }[] = await env.db.query(
    `SELECT balance FROM ledger_accounts WHERE program_id = ? AND kind = 'issuer_expired'`,
    [env.program.id],
  );
  expect(Number(expired.balance)).toBe(total);
  expect(await new LedgerCheck(env.db).run(env.program.code)).toMatchObject({ ok: true });
});

it('writes each expiry as a resident entry that names no resident', async () => {
  await env.sealed();
  const rows: { leaf_data: Buffer }[] = await env.db.query(
    'SELECT leaf_data FROM audit_leaves WHERE program_id = ? ORDER BY leaf_index',
    [env.program.id],
  );
  const expiries = rows
    .map((r) => JSON.parse(r.leaf_data.subarray(1).toString('utf8')))
    .filter((b) => b.type === 'points_expiry');
  expect(expiries).toHaveLength(2);
  for (const body of expiries) {
    expect(Object.keys(body).sort()).toEqual(['day', 'entry', 'program', 'transaction', 'type']);
    const kinds = body.transaction.postings.map((p: { kind: string }) => p.kind);
    expect(new Set(kinds)).toEqual(new Set(['resident', 'issuer_expired']));
    for (const p of body.transaction.postings) expect(p.owner).toBeNull();
  }
});

it('verifies for anyone, for the bureau with the viewing key, and in the fsck', async () => {
  const source = new HttpAuditLogSource({ url, program: env.program.code });
  expect(await verifyAuditLog(source, { program: env.program.code })).toMatchObject({ ok: true });
  const viewed = await verifyAuditLog(source, {
    program: env.program.code,
    viewing: { source: (await bureauViewing(env, url)).source },
  });
  expect(viewed).toMatchObject({ ok: true, residentsChecked: 2, residentEntriesChecked: 4 });
  expect(await env.worker!.get(AuditFsck).check(env.program)).toMatchObject({ status: 'pass' });
});

it('lets the resident check their account on the phone: the expiry is in their chain, the lot empty', async () => {
  const session = await env.api.app.get(ResidentSessionsService).open(meiId);
  const page = await env.api
    .http()
    .get(`/v1/programs/${env.program.code}/residents/me/audit-entries`)
    .set(bearer(session.token))
    .expect(200);
  const view: ResidentEntriesView = page.body;
  expect(view.entries).toHaveLength(2);
  const result = verifyAccount({
    ...accountCheckInput(view, env.program.code, await env.auditKeys()),
    displayed: [],
  });
  expect(result).toMatchObject({ ok: true, count: 2, lots: [] });
});
