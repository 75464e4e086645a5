/**
 * Tampering with the database behind the log's back — one leaf row, one posting, one cached
 * balance — is reported by both the service's own scheduled check (the fsck, bureau API and
 * /metrics) and the independent `tanlian-verify` CLI run against the live HTTP API in both its
 * modes (public, and the bureau's with the viewing key), each naming the leaf or the account. Real MariaDB, Redis, api (listening) and worker.
 */
import { formatViewingKey } from '@tanlian/sdk';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { AuditFsck } from '../../src/audit/services/audit-fsck';
import { ViewingKeys } from '../../src/audit/services/viewing-keys';
import { ApiKeysService } from '../../src/tenancy/services/api-keys.service';
import { StaffUsersService } from '../../src/tenancy/services/staff-users.service';
import { bearer } from '../support/test-app';
import { EarnEnv, metroRide } from '../support/earn-env';

let env: EarnEnv;
let url: string;
let bureauToken: string;
let pinnedKey: string;
/** tanlian-verify's arguments for the bureau's mode: the viewing key's and API key's files. */
let viewingArgs: string[];

const CLI = join(dirname(require.resolve('@tanlian/sdk/package.json')), 'bin/tanlian-verify.js');

beforeAll(async () => {
  env = await EarnEnv.start('tampering', {
    AUDIT_INTEGRATE_INTERVAL_MS: '100',
    AUDIT_FSCK_INTERVAL_MS: '400',
  });
  await env.api.app.listen(0, '127.0.0.1');
  url = `http://127.0.0.1:${(env.api.app.getHttpServer().address() as AddressInfo).port}`;
  const bureau = await env.api.app
    .get(StaffUsersService)
    .createBureauUser(env.program.id, 'shenzhen bureau');
  bureauToken = (await env.api.app.get(ApiKeysService).issueForStaff(bureau, 'tests')).token;
  const dir = mkdtempSync(join(tmpdir(), 'tampering-'));
  const viewingKey = await env.api.app.get(ViewingKeys).issue(env.program.id);
  writeFileSync(join(dir, 'viewing-key'), formatViewingKey(viewingKey));
  writeFileSync(join(dir, 'api-key'), bureauToken);
  viewingArgs = ['--viewing-key', join(dir, 'viewing-key'), '--api-key-file', join(dir, 'api-key')];
  await env.startWorker();
  // Three residents, two rides each: resident accounts, the operator's mint, a few dozen leaves.
  for (const user of ['ann', 'bo', 'cai']) {
    await env.bindResident(`wx-${user}`, env.operators.metro, user);
    for (const minutesAgo of [90, 30]) {
      await env
        .push(env.operators.metro, metroRide(`${user}-${minutesAgo}`, user, { minutesAgo }))
        .expect(202);
    }
  }
  await env.processed();
  await env.sealed();
});
afterAll(() => env.stop());

function fsck() {
  return env.worker!.get(AuditFsck).check(env.program);
}

/** tanlian-verify in one mode. */
async function verifyIn(
  mode: 'public' | 'viewing',
): Promise<{ mode: string; code: number; stdout: string }> {
  if (!pinnedKey) {
    const keys = await env.api.http().get('/v1/programs/shenzhen/audit/keys').expect(200);
    pinnedKey = keys.body.keys[0].vkey;
  }
  const args = [CLI, '--url', url, '--program', 'shenzhen', '--key', pinnedKey, '--quiet'];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      mode === 'viewing' ? [...args, ...viewingArgs] : args,
      (err, stdout) => resolve({ mode, code: err ? Number(err.code) : 0, stdout }),
    );
  });
}

/** tanlian-verify in both modes: their results, which each test expects to agree. */
function verifyCli(): Promise<{ mode: string; code: number; stdout: string }[]> {
  return Promise.all([verifyIn('public'), verifyIn('viewing')]);
}

/** Both modes fail with exit status 1 and this line. */
async function expectBothFail(line: string): Promise<void> {
  for (const run of await verifyCli()) {
    expect(run).toMatchObject({ code: 1, stdout: expect.stringContaining(line) });
  }
}

async function bureauView() {
  const res = await env.api
    .http()
    .get('/v1/programs/shenzhen/audit/fsck')
    .set(bearer(bureauToken))
    .expect(200);
  return res.body;
}

/**
 * A resident account with a non-zero balance, one of its postings, and the public account it shows
 * as: its pool (asset and expiry), since the public log names no resident.
 */
async function residentPosting(): Promise<{ accountId: string; postingId: string; pool: string }> {
  const [row] = await env.db.query(
    `SELECT a.id AS account_id, MIN(p.id) AS posting_id, i.code AS issuer,
            DATE_FORMAT(a.expires_on, '%Y-%m-%d') AS expires_on
       FROM ledger_accounts a JOIN ledger_postings p ON p.account_id = a.id
       JOIN participants i ON i.id = a.issuer_id
      WHERE a.program_id = ? AND a.kind = 'resident' AND a.balance > 0
      GROUP BY a.id, i.code, a.expires_on ORDER BY a.id LIMIT 1`,
    [env.program.id],
  );
  return {
    accountId: String(row.account_id),
    postingId: String(row.posting_id),
    pool: `resident|points:${row.issuer}||${row.expires_on}`,
  };
}

describe('the fsck and the verifier on an honest log', () => {
  it('the worker checks every program on its schedule and the bureau sees a pass', async () => {
    // A check that ran while the rides were crediting covers an earlier tree: wait for one that
    // covers the whole sealed log (the schedule runs every 400 ms here).
    const sealed = await env.signedSize();
    const deadline = Date.now() + 10_000;
    let view = await bureauView();
    while ((view.status === 'not_run' || view.treeSize < sealed) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      view = await bureauView();
    }
    expect(view).toMatchObject({ status: 'pass', discrepancy: null });
    expect(view.treeSize).toBe(sealed);
    // Public accounts: the operators' mints and the residents' pools.
    expect(view.accountsChecked).toBeGreaterThanOrEqual(2);
  });

  it('tanlian-verify passes against the live API in both modes', async () => {
    const [plain, viewing] = await verifyCli();
    expect([plain.code, plain.stdout]).toEqual([0, expect.stringMatching(/^PASS shenzhen/)]);
    expect([viewing.code, viewing.stdout]).toEqual([
      0,
      expect.stringMatching(
        /^PASS shenzhen: .*every resident replayed with the viewing key .*3 residents and 6 resident entries/,
      ),
    ]);
  });

  it('answers 403 to roles other than the bureau and admin', async () => {
    const key = await env.api.app
      .get(ApiKeysService)
      .issueForParticipant(env.program.id, env.operators.metro.participant.id, 't');
    await env.api.http().get('/v1/programs/shenzhen/audit/fsck').set(bearer(key.token)).expect(403);
  });
});

describe('tampering directly in MySQL is reported by both, naming what changed', () => {
  it('one leaf row', async () => {
    const [leaf] = await env.db.query(
      `SELECT leaf_index, leaf_data FROM audit_leaves
        WHERE program_id = ? AND kind = 'ledger_transaction' ORDER BY leaf_index DESC LIMIT 1 OFFSET 2`,
      [env.program.id],
    );
    const original: Buffer = leaf.leaf_data;
    // Change one digit of the points amount: still valid, canonical JSON.
    const text = original.toString('latin1').replace(/"amount":"(\d)/, (_m, d: string) => {
      return `"amount":"${(Number(d) + 1) % 10}`;
    });
    expect(text).not.toBe(original.toString('latin1'));
    const index = Number(leaf.leaf_index);
    await env.db.query(
      'UPDATE audit_leaves SET leaf_data = ? WHERE program_id = ? AND leaf_index = ?',
      [Buffer.from(text, 'latin1'), env.program.id, index],
    );
    try {
      const view = await fsck();
      expect(view).toMatchObject({
        status: 'fail',
        discrepancy: { check: 'root', leafIndex: index },
      });
      expect(await bureauView()).toMatchObject({
        status: 'fail',
        discrepancy: { leafIndex: index },
      });
      await expectBothFail(`FAIL shenzhen: root check failed at leaf ${index}`);
    } finally {
      await env.db.query(
        'UPDATE audit_leaves SET leaf_data = ? WHERE program_id = ? AND leaf_index = ?',
        [original, env.program.id, index],
      );
    }
    expect(await fsck()).toMatchObject({ status: 'pass' });
  });

  it('one posting (with the append-only trigger dropped, as an attacker with DBA rights would)', async () => {
    const { pool, postingId } = await residentPosting();
    const [trigger] = await env.db.query('SHOW CREATE TRIGGER ledger_postings_no_update');
    await env.db.query('DROP TRIGGER ledger_postings_no_update');
    await env.db.query('UPDATE ledger_postings SET amount = amount + 3 WHERE id = ?', [postingId]);
    try {
      const view = await fsck();
      expect(view).toMatchObject({
        status: 'fail',
        discrepancy: { check: 'posted', account: pool },
      });
      await expectBothFail(`FAIL shenzhen: posted check failed at account ${pool}`);
    } finally {
      await env.db.query('UPDATE ledger_postings SET amount = amount - 3 WHERE id = ?', [
        postingId,
      ]);
      await env.db.query(trigger['SQL Original Statement']);
    }
    expect(await fsck()).toMatchObject({ status: 'pass' });
    // The trigger is back: postings are append-only again.
    await expect(
      env.db.query('UPDATE ledger_postings SET amount = amount + 1 WHERE id = ?', [postingId]),
    ).rejects.toThrow(/append-only/);
  });

  it('one cached balance', async () => {
    const { accountId, pool } = await residentPosting();
    await env.db.query('UPDATE ledger_accounts SET balance = balance + 5 WHERE id = ?', [
      accountId,
    ]);
    try {
      const view = await fsck();
      expect(view).toMatchObject({
        status: 'fail',
        discrepancy: { check: 'balance', account: pool },
      });
      const metrics = await env.api.http().get('/metrics').expect(200);
      expect(metrics.text).toMatch(/tanlian_audit_fsck_ok\{program="shenzhen"\} 0/);
      await expectBothFail(`FAIL shenzhen: balance check failed at account ${pool}`);
    } finally {
      await env.db.query('UPDATE ledger_accounts SET balance = balance - 5 WHERE id = ?', [
        accountId,
      ]);
    }
    expect(await fsck()).toMatchObject({ status: 'pass' });
    const metrics = await env.api.http().get('/metrics').expect(200);
    expect(metrics.text).toMatch(/tanlian_audit_fsck_ok\{program="shenzhen"\} 1/);
  });
});
