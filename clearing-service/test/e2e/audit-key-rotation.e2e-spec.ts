/**
 * A log's checkpoint keys rotate through the registry, announced in the log itself: an auditor
 * who pinned only the first key follows the rotation with `tanlian-verify`; a worker holding a
 * key the log does not list signs nothing; a checkpoint signed outside a key's range is caught.
 * Real MariaDB, Redis, api (listening), workers, the built admin CLI and the verifier CLI.
 */
import { Logger, type INestApplicationContext } from '@nestjs/common';
import {
  decodeBase64,
  formatVerifierKey,
  parseVerifierKey,
  publicKeyFromSecret,
  sha256LogHash,
  signNote,
  verifyReceipt,
  type KeyAnnouncement,
  type NoteVerifierKey,
} from '@tanlian/sdk';
import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { AuditIntegrator } from '../../src/audit/services/audit-integrator';
import { createWorkerApp } from '../../src/bootstrap';
import { loadConfig } from '../../src/config/load-config';
import { EarnEnv, metroRide } from '../support/earn-env';

const VERIFY = join(dirname(require.resolve('@tanlian/sdk/package.json')), 'bin/tanlian-verify.js');
const ADMIN = join(__dirname, '..', '..', 'dist', 'cli', 'main.js');

function key(name: string) {
  const seed = randomBytes(32);
  const vkey = formatVerifierKey({ name, publicKey: publicKeyFromSecret(seed) });
  return { name, seed, entry: `${name}+${seed.toString('base64')}`, vkey };
}
const b64 = (s: string) => decodeBase64(s)!;
function pinned(vkey: string): NoteVerifierKey {
  const parsed = parseVerifierKey(vkey);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.key;
}
const A = key('tanlian.test-a');
const B = key('tanlian.test-b');
const C = key('tanlian.test-c');

let env: EarnEnv;
let url: string;
let worker: INestApplicationContext | null = null;
let rides = 0;

async function startWorker(keys: string): Promise<void> {
  await worker?.close();
  worker = await createWorkerApp(loadConfig({ ...env.api.db.env, AUDIT_SIGNING_KEYS: keys }));
}

beforeAll(async () => {
  env = await EarnEnv.start('key-rotation', {
    AUDIT_INTEGRATE_INTERVAL_MS: '100',
    AUDIT_ORIGIN_PREFIX: 'tanlian.test',
  });
  await env.api.app.listen(0, '127.0.0.1');
  url = `http://127.0.0.1:${(env.api.app.getHttpServer().address() as AddressInfo).port}`;
  await startWorker(A.entry);
  await credit(2);
});
afterAll(async () => {
  await worker?.close();
  await env.stop();
});

/** One metro ride by a new resident, credited: a few leaves. */
async function credit(count = 1): Promise<void> {
  for (let i = 0; i < count; i++) {
    const user = `user-${++rides}`;
    await env.bindResident(`wx-${user}`, env.operators.metro, user);
    await env.push(env.operators.metro, metroRide(`ride-${rides}`, user)).expect(202);
  }
  await env.processed();
}

function admin(...args: string[]) {
  return spawnSync(process.execPath, [ADMIN, ...args, '--program', 'shenzhen'], {
    env: { PATH: process.env.PATH, ...env.api.db.env } as NodeJS.ProcessEnv,
    encoding: 'utf8',
    timeout: 30_000,
  });
}

/** `npx tanlian-verify` with only key A pinned. */
function verify(): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [VERIFY, '--url', url, '--program', 'shenzhen', '--key', A.vkey, '--quiet'],
      (err, stdout) => resolve({ code: err ? Number(err.code) : 0, stdout }),
    );
  });
}

async function signersBySize(): Promise<[number, string][]> {
  const rows: { tree_size: string; key_name: string }[] = await env.db.query(
    'SELECT tree_size, key_name FROM audit_checkpoints WHERE program_id = ? ORDER BY tree_size',
    [env.program.id],
  );
  return rows.map((r) => [Number(r.tree_size), r.key_name]);
}

async function keysView() {
  return (await env.api.http().get('/v1/programs/shenzhen/audit/keys').expect(200)).body;
}

describe('checkpoint key rotation', () => {
  it("registers the first worker's key as the log's genesis key", async () => {
    await env.sealed();
    const view = await keysView();
    expect(view.keys).toEqual([
      expect.objectContaining({ name: A.name, vkey: A.vkey, state: 'active', genesis: true }),
    ]);
    expect(view.signer).toBe(A.name);
    expect((await verify()).code).toBe(0);
  });

  it('adds key B through the CLI: both A and B sign checkpoints that verify with A pinned', async () => {
    const added = admin('audit-key:add', '--vkey', B.vkey, '--activate');
    expect(added.stderr).toBe('');
    expect(added.status).toBe(0);
    expect(added.stdout).toMatch(/^tanlian\.test-b\t[0-9a-f]{8}\tactive\tactivated at leaf \d+\t/);
    const activatedAt = Number(/activated at leaf (\d+)/.exec(added.stdout)![1]);

    // Prefers B, but B may sign only once a checkpoint of A covers its activation leaf.
    await startWorker(`${B.entry},${A.entry}`);
    await credit();
    await env.sealed();
    await credit();
    await env.sealed();
    const signers = await signersBySize();
    const firstByB = signers.findIndex(([, name]) => name === B.name);
    expect(firstByB).toBeGreaterThan(0);
    expect(signers[firstByB - 1][1]).toBe(A.name);
    expect(signers[firstByB - 1][0]).toBeGreaterThan(activatedAt);
    expect((await keysView()).keys.map((k: { name: string; state: string }) => k.state)).toEqual([
      'active',
      'active',
    ]);
    const verified = await verify();
    expect(verified.stdout).toMatch(/^PASS/);
    expect(verified.code).toBe(0);
  });

  it("retires A through the CLI: A's checkpoints still verify, new ones are B's", async () => {
    const retired = admin('audit-key:retire', '--key', A.name);
    expect(retired.status).toBe(0);
    const retiredAt = Number(/retired at leaf (\d+)/.exec(retired.stdout)![1]);
    await credit();
    const size = await env.sealed();
    const signers = await signersBySize();
    expect(signers[signers.length - 1]).toEqual([size, B.name]);
    expect(signers.filter(([s, name]) => name === A.name && s > retiredAt)).toEqual([]);
    const view = await keysView();
    expect(view.keys[0]).toMatchObject({ name: A.name, state: 'retired', retiredAt });
    expect((await verify()).code).toBe(0);
    // The last key that can sign is never retired.
    const refused = admin('audit-key:retire', '--key', B.name);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(
      /^error: Retiring tanlian\.test-b would leave no key that can sign/,
    );
  });

  it('an app pinned to A verifies a record signed by B, through the log’s key announcements', async () => {
    const [record] = await env.db.query(
      "SELECT ref_id FROM audit_leaves WHERE program_id = ? AND kind = 'ledger_transaction' ORDER BY leaf_index DESC LIMIT 1",
      [env.program.id],
    );
    const checkpoint = await env.api
      .http()
      .get('/v1/programs/shenzhen/audit/checkpoint')
      .expect(200);
    const size = Number(checkpoint.text.split('\n')[1]);
    const proof = (
      await env.api
        .http()
        .get(`/v1/programs/shenzhen/audit/proof/transaction/${record.ref_id}?size=${size}`)
        .expect(200)
    ).body;
    const announced = (
      await env.api.http().get('/v1/programs/shenzhen/audit/keys/announcements').expect(200)
    ).body.announcements;
    // The genesis key, B's activation and A's retirement, each proven in its covering checkpoint.
    expect(announced).toHaveLength(3);
    const receipt = (keyAnnouncements: KeyAnnouncement[]) =>
      verifyReceipt({
        hash: sha256LogHash,
        leafData: b64(proof.leafData),
        leafIndex: proof.leafIndex,
        inclusionProof: proof.proof.map(b64),
        checkpointNote: checkpoint.text,
        trustedKeys: [pinned(A.vkey)],
        origin: 'tanlian.test/shenzhen/sha256',
        keyAnnouncements,
      });
    expect(receipt([])).toMatchObject({ ok: false, code: 'no-trusted-signature' });
    const verified = receipt(
      announced.map(
        (a: {
          leafIndex: number;
          leafData: string;
          inclusionProof: string[];
          checkpoint: string;
        }) => ({
          leafIndex: a.leafIndex,
          leafData: b64(a.leafData),
          inclusionProof: a.inclusionProof.map(b64),
          checkpointNote: a.checkpoint,
        }),
      ),
    );
    expect(verified).toMatchObject({ ok: true, signers: [{ name: B.name }] });
  });

  it('a worker holding only an unregistered key C signs nothing, and says why', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn');
    try {
      await startWorker(C.entry);
      const before = await env.signedSize();
      await credit();
      expect(await worker!.get(AuditIntegrator).integrate(env.program.id)).toEqual({
        status: 'unsigned',
        reason: expect.stringContaining(
          `this worker holds ${C.name}+${C.vkey.split('+')[1]}, none of them registered and active for the log`,
        ),
      });
      expect(await env.signedSize()).toBe(before);
      expect(warn).toHaveBeenCalledWith(
        expect.stringMatching(/signing nothing: this worker holds tanlian\.test-c/),
      );
      expect((await keysView()).sealing.status).not.toBe('sealed');
    } finally {
      warn.mockRestore();
    }
    await startWorker(B.entry); // and a worker with the right key seals what waited
    await env.sealed();
    expect((await keysView()).sealing).toEqual({ status: 'sealed', unsealedAgeSeconds: 0 });
  });

  it('tanlian-verify fails on a checkpoint signed by a retired key beyond its range, or by a key never announced', async () => {
    await worker?.close();
    worker = null;
    const [latest]: { tree_size: string; note: string; key_name: string }[] = await env.db.query(
      'SELECT tree_size, note, key_name FROM audit_checkpoints WHERE program_id = ? ORDER BY tree_size DESC LIMIT 1',
      [env.program.id],
    );
    const body = latest.note.slice(0, latest.note.indexOf('\n\n') + 1);
    const resign = (signer: { name: string; seed: Buffer }) =>
      env.db.query('UPDATE audit_checkpoints SET note = ? WHERE program_id = ? AND tree_size = ?', [
        signNote(body, { name: signer.name, secretKey: new Uint8Array(signer.seed) }),
        env.program.id,
        latest.tree_size,
      ]);
    try {
      await resign(A);
      const byRetired = await verify();
      expect(byRetired.code).toBe(1);
      expect(byRetired.stdout).toMatch(
        new RegExp(
          `^FAIL shenzhen: signature check failed: checkpoint ${latest.tree_size} is signed by tanlian\\.test-a\\+[0-9a-f]{8}, retired by leaf \\d+: it may sign only checkpoints of at most \\d+ leaves`,
        ),
      );
      await resign(C);
      const byUnknown = await verify();
      expect(byUnknown.code).toBe(1);
      expect(byUnknown.stdout).toContain(
        `checkpoint ${latest.tree_size}: the note has no signature from a trusted key`,
      );
    } finally {
      await env.db.query(
        'UPDATE audit_checkpoints SET note = ? WHERE program_id = ? AND tree_size = ?',
        [latest.note, env.program.id, latest.tree_size],
      );
    }
    expect((await verify()).code).toBe(0);
  });
});
