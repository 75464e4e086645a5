/**
 * A log begun before the private log (leaf format 1: residents as `r_…`, account ids) and continued
 * in format 2 verifies as one: the old resident postings fold into the same pools as the new ones,
 * and in the bureau's replay into the same resident, by the independent verifier over HTTP in both
 * modes and by the service's fsck. The format-1 leaves are written
 * as the previous release wrote them: a ledger transaction through LedgerWriter and its leaf body
 * of that release, under version byte 1. Real MariaDB, Redis, api (listening) and worker.
 */
import { canonicalJson, HttpAuditLogSource, verifyAuditLog } from '@tanlian/sdk';
import type { AddressInfo } from 'node:net';
import { residentRef } from '../../src/audit/leaf-data';
import { AuditLogWriter } from '../../src/audit/services/audit-log-writer';
import { AuditFsck } from '../../src/audit/services/audit-fsck';
import { type AccountKey, NO_EXPIRY } from '../../src/ledger/ledger-account';
import { pointsExpiryFor } from '../../src/ledger/points-expiry';
import { LedgerWriter } from '../../src/ledger/services/ledger-writer';
import { bureauViewing } from '../support/bureau-viewing';
import { EarnEnv, metroRide } from '../support/earn-env';

let env: EarnEnv;
let url: string;
let meiId: number;

beforeAll(async () => {
  env = await EarnEnv.start('formats', { AUDIT_INTEGRATE_INTERVAL_MS: '100' });
  await env.api.app.listen(0, '127.0.0.1');
  url = `http://127.0.0.1:${(env.api.app.getHttpServer().address() as AddressInfo).port}`;
  meiId = await env.bindResident('wx-mei', env.operators.metro, 'mei');
});
afterAll(() => env.stop());

/** One issuance as the release before the private log logged it: format 1, ids and `r_…`. */
async function formatOneIssuance(residentId: number, points: number, reference: string) {
  const now = new Date();
  const issuer = env.operators.metro.participant;
  const mint: AccountKey = {
    issuerId: issuer.id,
    kind: 'issuer_mint',
    ownerId: 0,
    expiresOn: NO_EXPIRY,
  };
  const lot: AccountKey = {
    issuerId: issuer.id,
    kind: 'resident',
    ownerId: residentId,
    expiresOn: pointsExpiryFor(now),
  };
  const ledger = env.api.app.get(LedgerWriter);
  const log = env.api.app.get(AuditLogWriter);
  await env.db.transaction(async (db) => {
    const accounts = await ledger.lockAccounts(db, env.program.id, [mint, lot]);
    const [tx] = await ledger.write(
      db,
      env.program.id,
      [
        {
          kind: 'issuance',
          reference,
          postings: [
            { account: mint, amount: -points },
            { account: lot, amount: points },
          ],
        },
      ],
      accounts,
      now,
    );
    const head = await log.lockHead(db, env.program.id);
    const owner = residentRef(await log.residentSalt(db, env.program.id), residentId);
    const body = {
      type: 'reduction_credit',
      program: env.program.code,
      at: now.toISOString(),
      event: `evt_${reference}`,
      resident: owner,
      reduction: {
        id: reference,
        mg: String(points * 10_000),
        calculatedMg: String(points * 10_000),
      },
      points: { amount: String(points), issuer: issuer.code, status: 'credited' },
      transaction: {
        id: String(tx.id),
        kind: 'issuance',
        reference,
        postings: [
          {
            account: String(tx.accountIds[0]),
            kind: 'issuer_mint',
            asset: `points:${issuer.code}`,
            owner: null,
            expiresOn: null,
            amount: String(-points),
          },
          {
            account: String(tx.accountIds[1]),
            kind: 'resident',
            asset: `points:${issuer.code}`,
            owner,
            expiresOn: lot.expiresOn,
            amount: String(points),
          },
        ],
      },
    };
    const data = Buffer.concat([Buffer.from([1]), Buffer.from(canonicalJson(body), 'utf8')]);
    await log.append(db, head, [{ kind: 'ledger_transaction', refId: tx.id, data }], now);
  });
}

it('verifies a log of format-1 leaves followed by format-2 ones, pools folding both', async () => {
  await formatOneIssuance(meiId, 40, 'old-1');
  await formatOneIssuance(meiId, 2, 'old-2');
  await env.startWorker();
  await env.push(env.operators.metro, metroRide('new-1', 'mei', { minutesAgo: 60 })).expect(202);
  await env.processed();
  await env.sealed();

  const rows: { leaf_data: Buffer }[] = await env.db.query(
    'SELECT leaf_data FROM audit_leaves WHERE program_id = ? ORDER BY leaf_index',
    [env.program.id],
  );
  const versions = rows.map((r) => r.leaf_data[0]);
  // The two old issuances, then the new credit (and its key's leaves) in format 2.
  expect(versions.filter((v) => v === 1)).toHaveLength(2);
  const afterOld = versions.slice(versions.lastIndexOf(1) + 1);
  expect(afterOld.length).toBeGreaterThan(0);
  expect(afterOld.every((v) => v === 2)).toBe(true);

  const source = new HttpAuditLogSource({ url, program: env.program.code });
  const verified = await verifyAuditLog(source, { program: env.program.code });
  expect(verified).toMatchObject({ ok: true, discrepancy: null });
  // The bureau's mode: Mei's format-1 postings (by her r_…) and her format-2 entries are one
  // resident, whose lot the service reports once.
  const bureau = await bureauViewing(env, url);
  const viewed = await verifyAuditLog(source, {
    program: env.program.code,
    viewing: { source: bureau.source },
  });
  expect(viewed).toMatchObject({
    ok: true,
    mode: 'viewing',
    residentsChecked: 1,
    residentEntriesChecked: 1,
  });
  const lots = await env.api
    .http()
    .get(`/v1/programs/${env.program.code}/audit/viewing/balances`)
    .set('authorization', `Bearer ${bureau.apiKey}`)
    .expect(200);
  expect(lots.body.lots).toHaveLength(1);
  expect(BigInt(lots.body.lots[0].balance)).toBeGreaterThan(42n);
  // One pool holds the old and the new points of that lot: the balances report it once.
  const res = await env.api
    .http()
    .get(`/v1/programs/${env.program.code}/audit/balances`)
    .expect(200);
  const pools = res.body.accounts.filter((a: { kind: string }) => a.kind === 'resident');
  expect(pools).toHaveLength(1);
  expect(BigInt(pools[0].balance)).toBeGreaterThan(42n);
  expect(await env.worker!.get(AuditFsck).check(env.program)).toMatchObject({ status: 'pass' });
});
