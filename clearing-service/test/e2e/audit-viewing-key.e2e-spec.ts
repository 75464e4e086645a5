/**
 * The bureau's viewing key (docs/private-log.md): issued by the CLI, it lets `tanlian-verify
 * --viewing-key` (a child process against the listening api) replay every resident, and finds
 * what the public mode cannot see: points moved from one resident's lot to another's (the pool
 * unchanged), a private part that is not what its entry committed, an entry the service hides.
 * The fsck runs the same replay. Real MariaDB, Redis, api and worker, and the built CLIs.
 */
import { verifyAccount, type ResidentEntriesView } from '@tanlian/sdk';
import { spawnSync, execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { residentRef } from '../../src/audit/leaf-data';
import { AuditFsck } from '../../src/audit/services/audit-fsck';
import { AuditLogWriter } from '../../src/audit/services/audit-log-writer';
import { ResidentChains } from '../../src/audit/services/resident-chains';
import { ResidentSessionsService } from '../../src/residents/services/resident-sessions.service';
import { ApiKeysService } from '../../src/tenancy/services/api-keys.service';
import { StaffUsersService } from '../../src/tenancy/services/staff-users.service';
import { accountCheckInput } from '../support/account-check-input';
import { EarnEnv, metroRide } from '../support/earn-env';
import { bearer } from '../support/test-app';

const VERIFY = join(dirname(require.resolve('@tanlian/sdk/package.json')), 'bin/tanlian-verify.js');
const ADMIN = join(__dirname, '..', '..', 'dist', 'cli', 'main.js');

let env: EarnEnv;
let url: string;
let dir: string;
let bureau: string;
let meiId: number;
let kaiId: number;

beforeAll(async () => {
  env = await EarnEnv.start('viewing-key', { AUDIT_INTEGRATE_INTERVAL_MS: '100' });
  await env.api.app.listen(0, '127.0.0.1');
  url = `http://127.0.0.1:${(env.api.app.getHttpServer().address() as AddressInfo).port}`;
  await env.startWorker();
  meiId = await env.bindResident('wx-mei', env.operators.metro, 'mei');
  kaiId = await env.bindResident('wx-kai', env.operators.metro, 'kai');
  for (const [ride, user, minutesAgo] of [
    ['m-1', 'mei', 300],
    ['k-1', 'kai', 280],
    ['m-2', 'mei', 200],
    ['k-2', 'kai', 100],
  ] as const) {
    await env.push(env.operators.metro, metroRide(ride, user, { minutesAgo })).expect(202);
  }
  await env.processed();
  await env.sealed();
  const staff = await env.api.app
    .get(StaffUsersService)
    .createBureauUser(env.program.id, 'shenzhen bureau');
  bureau = (await env.api.app.get(ApiKeysService).issueForStaff(staff, 'verify')).token;
  dir = mkdtempSync(join(tmpdir(), 'viewing-key-'));
  writeFileSync(join(dir, 'api-key'), bureau);
  const issued = admin('audit:viewing-key');
  expect(issued.status).toBe(0);
  writeFileSync(join(dir, 'viewing-key'), issued.stdout);
});
afterAll(() => env.stop());

function admin(...args: string[]) {
  return spawnSync(process.execPath, [ADMIN, ...args, '--program', env.program.code], {
    env: { PATH: process.env.PATH, ...env.api.db.env } as NodeJS.ProcessEnv,
    encoding: 'utf8',
    timeout: 30_000,
  });
}

function verify(...extra: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [VERIFY, '--url', url, '--program', env.program.code, '--quiet', ...extra],
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code) : 0, stdout, stderr }),
    );
  });
}

const viewing = () =>
  verify('--viewing-key', join(dir, 'viewing-key'), '--api-key-file', join(dir, 'api-key'));

async function refOf(residentId: number): Promise<string> {
  const salt = await env.api.app.get(AuditLogWriter).residentSalt(env.db.manager, env.program.id);
  return residentRef(salt, residentId);
}

function fsck() {
  return env.worker!.get(AuditFsck).check(env.program);
}

/** The resident's one lot account (all of a day's metro points share one expiry). */
async function lotOf(residentId: number): Promise<string> {
  const [row]: { id: string }[] = await env.db.query(
    `SELECT id FROM ledger_accounts WHERE program_id = ? AND kind = 'resident' AND owner_id = ?
      AND balance > 0 ORDER BY id LIMIT 1`,
    [env.program.id, residentId],
  );
  return row.id;
}

describe('with the viewing key', () => {
  it('the CLI prints the key once, as vk_<id>:<base64>', () => {
    const again = admin('audit:viewing-key');
    expect(again.stdout).toMatch(/^vk_[0-9a-f]{16}:[A-Za-z0-9+/]{43}=\n$/);
    expect(again.stderr).toMatch(/shown once/);
    // The one issued last is the program's: the file holds the earlier one until replaced.
    writeFileSync(join(dir, 'viewing-key'), again.stdout);
  });

  it('tanlian-verify passes in both modes, the bureau replaying every resident', async () => {
    const plain = await verify();
    expect(plain).toMatchObject({ code: 0, stdout: expect.stringMatching(/^PASS shenzhen/) });
    expect(plain.stdout).not.toMatch(/viewing key/);
    const full = await viewing();
    expect(full.stdout).toMatch(
      /^PASS shenzhen: .*every resident replayed with the viewing key .*2 residents and 4 resident entries/,
    );
    expect(full.code).toBe(0);
    expect(await fsck()).toMatchObject({ status: 'pass' });
  });

  it('the listing is the bureau’s alone, and each key is wrapped, not in the clear', async () => {
    const res = await env.api
      .http()
      .get(`/v1/programs/${env.program.code}/audit/viewing/residents`)
      .set(bearer(bureau))
      .expect(200);
    expect(res.body.residents.map((r: { resident: string }) => r.resident).sort()).toEqual(
      [await refOf(meiId), await refOf(kaiId)].sort(),
    );
    const [key] = await env.api.app.get(ResidentChains).keysOfResident(env.program.id, meiId);
    expect(res.text).not.toContain(key.key.toString('base64'));
    expect(res.text).toContain(key.keyId);
    const operator = await env.api.app
      .get(ApiKeysService)
      .issueForParticipant(env.program.id, env.operators.metro.participant.id, 't');
    const session = await env.api.app.get(ResidentSessionsService).open(meiId);
    for (const token of [operator.token, session.token]) {
      for (const route of ['residents', 'entries?start=0&end=1', 'balances']) {
        await env.api
          .http()
          .get(`/v1/programs/${env.program.code}/audit/viewing/${route}`)
          .set(bearer(token))
          .expect(403);
      }
    }
  });

  it('a key issued before the last one is refused, naming both', async () => {
    const old = join(dir, 'old-key');
    writeFileSync(old, `vk_0000000000000000:${Buffer.alloc(32, 7).toString('base64')}`);
    const run = await verify('--viewing-key', old, '--api-key-file', join(dir, 'api-key'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /the viewing key vk_0000000000000000 is not the program's current viewing key vk_/,
    );
  });
});

describe('what only the viewing key finds', () => {
  it("points moved from one resident's lot to another's, the pool unchanged", async () => {
    const [from, to] = [await lotOf(meiId), await lotOf(kaiId)];
    const move = (n: number) =>
      env.db.query(
        'UPDATE ledger_accounts SET balance = balance + IF(id = ?, ?, ?) WHERE id IN (?, ?)',
        [from, -n, n, from, to],
      );
    await move(3);
    try {
      expect(await verify()).toMatchObject({ code: 0 });
      const full = await viewing();
      expect(full.code).toBe(1);
      expect(full.stdout).toContain(
        `FAIL shenzhen: resident_balance check failed at account ${await refOf(meiId)}`,
      );
      expect(full.stdout).toMatch(/the service's cached balance is \d+, the leaves give \d+/);
      expect(await fsck()).toMatchObject({
        status: 'fail',
        discrepancy: { check: 'resident_balance' },
      });
    } finally {
      await move(-3);
    }
    expect(await fsck()).toMatchObject({ status: 'pass' });
  });

  it('a private part that is not what its entry committed (a district changed)', async () => {
    const [entry]: { leaf_index: string; subject_id: string }[] = await env.db.query(
      `SELECT leaf_index, subject_id FROM audit_resident_entries
        WHERE program_id = ? AND resident_id = ? ORDER BY seq DESC LIMIT 1`,
      [env.program.id, kaiId],
    );
    const [{ district }]: { district: string | null }[] = await env.db.query(
      'SELECT district FROM reductions WHERE id = ?',
      [entry.subject_id],
    );
    await env.db.query('UPDATE reductions SET district = ? WHERE id = ?', [
      '110101',
      entry.subject_id,
    ]);
    try {
      expect(await verify()).toMatchObject({ code: 0 });
      const full = await viewing();
      expect(full.code).toBe(1);
      expect(full.stdout).toContain(
        `FAIL shenzhen: resident_entry check failed at leaf ${entry.leaf_index}`,
      );
      expect(full.stdout).toMatch(/is not the one its leaf commits to/);
    } finally {
      await env.db.query('UPDATE reductions SET district = ? WHERE id = ?', [
        district,
        entry.subject_id,
      ]);
    }
  });

  it('an entry the service hides from the bureau', async () => {
    const [entry]: Record<string, string>[] = await env.db.query(
      `SELECT * FROM audit_resident_entries WHERE program_id = ? AND resident_id = ?
        ORDER BY seq LIMIT 1`,
      [env.program.id, meiId],
    );
    await env.db.query(
      'DELETE FROM audit_resident_entries WHERE program_id = ? AND leaf_index = ?',
      [env.program.id, entry.leaf_index],
    );
    try {
      const full = await viewing();
      expect(full.code).toBe(1);
      expect(full.stdout).toContain(
        `FAIL shenzhen: resident_entry check failed at leaf ${entry.leaf_index}`,
      );
      expect(full.stdout).toMatch(/gives no private part for entry 0 of resident r_/);
      expect(await fsck()).toMatchObject({
        status: 'fail',
        discrepancy: { check: 'resident_entry' },
      });
    } finally {
      await env.db.query(
        `INSERT INTO audit_resident_entries (program_id, leaf_index, resident_id, seq, subject_id)
         VALUES (?, ?, ?, ?, ?)`,
        [entry.program_id, entry.leaf_index, entry.resident_id, entry.seq, entry.subject_id],
      );
    }
    expect(await viewing()).toMatchObject({ code: 0 });
  });
});

describe("a resident's key rotated (a leaked key)", () => {
  it('signs their entries from the next one on; both modes, the fsck and the phone follow it', async () => {
    const rotated = admin('audit:rotate-resident-key', '--resident', String(meiId));
    expect(rotated.stderr).toBe('');
    expect(rotated.stdout).toMatch(/new key\s+rk_[0-9a-f]{16}\nsigns from entry\s+2\n/);
    expect(rotated.status).toBe(0);
    // Rotating again before the new key signed anything is refused: nothing would change.
    const again = admin('audit:rotate-resident-key', '--resident', String(meiId));
    expect(again.status).not.toBe(0);
    expect(again.stderr).toMatch(/has signed no entry yet/);

    await env.push(env.operators.metro, metroRide('m-3', 'mei', { minutesAgo: 50 })).expect(202);
    await env.processed();
    await env.sealed();
    const listing = await env.api
      .http()
      .get(`/v1/programs/${env.program.code}/audit/viewing/residents`)
      .set(bearer(bureau))
      .expect(200);
    const meiRef = await refOf(meiId);
    expect(
      listing.body.residents
        .find((r: { resident: string }) => r.resident === meiRef)
        .keys.map((k: { fromSeq: number }) => k.fromSeq),
    ).toEqual([0, 2]);

    const full = await viewing();
    expect(full.stdout).toMatch(/2 residents and 5 resident entries/);
    expect(full.code).toBe(0);
    expect(await verify()).toMatchObject({ code: 0 });
    expect(await fsck()).toMatchObject({ status: 'pass' });

    // The phone: verifyAccount with both keys passes over all three entries.
    const session = await env.api.app.get(ResidentSessionsService).open(meiId);
    const page = await env.api
      .http()
      .get(`/v1/programs/${env.program.code}/residents/me/audit-entries`)
      .set(bearer(session.token))
      .expect(200);
    expect(page.body.keys.map((k: { fromSeq: number }) => k.fromSeq)).toEqual([0, 2]);
    const view: ResidentEntriesView = page.body;
    const result = verifyAccount(accountCheckInput(view, env.program.code, await env.auditKeys()));
    expect(result).toMatchObject({ ok: true, count: 3 });
  });
});
