/**
 * The bureau witnesses the audit log: it registers its cosigner keys (each change a leaf of the
 * log), checks each new checkpoint with @tanlian/sdk's witnessCheckpoint against the log's pinned
 * key and the consistency proof, and submits the cosignature, which the log then serves in its
 * checkpoints. Real MariaDB, Redis and the worker's integrator.
 */
import {
  cosignCheckpoint,
  decodeBase64,
  formatCosignatureVerifierKey,
  formatVerifierKey,
  parseNote,
  publicKeyFromSecret,
  sha256LogHash,
  verifyCosignature,
  verifyNote,
  witnessCheckpoint,
  type NoteSigner,
  type NoteVerifierKey,
  type WitnessedTreeHead,
} from '@tanlian/sdk';
import { createHash } from 'node:crypto';
import { ApiKeysService } from '../../src/tenancy/services/api-keys.service';
import { ParticipantsStore } from '../../src/tenancy/services/participants-store';
import { StaffUsersService } from '../../src/tenancy/services/staff-users.service';
import { EarnEnv } from '../support/earn-env';
import { bearer } from '../support/test-app';

let env: EarnEnv;
const tokens: Record<'bureau' | 'admin' | 'operator' | 'merchant', string> = {
  bureau: '',
  admin: '',
  operator: '',
  merchant: '',
};

beforeAll(async () => {
  env = await EarnEnv.start('audit-witness', {
    AUDIT_INTEGRATE_INTERVAL_MS: '150',
    AUDIT_ORIGIN_PREFIX: 'tanlian.test',
  });
  await env.startWorker();
  const staff = env.api.app.get(StaffUsersService);
  const keys = env.api.app.get(ApiKeysService);
  const programId = env.program.id;
  tokens.bureau = (
    await keys.issueForStaff(await staff.createBureauUser(programId, 'bureau'), 'tests')
  ).token;
  tokens.admin = (await keys.issueForStaff(await staff.createAdmin('admin'), 'tests')).token;
  tokens.operator = (
    await keys.issueForParticipant(programId, env.operators.metro.participant.id, 'tests')
  ).token;
  const merchant = await env.api.app
    .get(ParticipantsStore)
    .create(programId, { code: 'cafe', name: 'cafe', roles: ['merchant'] });
  tokens.merchant = (await keys.issueForParticipant(programId, merchant.id, 'tests')).token;
});
afterAll(() => env.stop());

const base = () => `/v1/programs/${env.program.code}/audit`;
const as = (role: keyof typeof tokens) => ({
  post: (path: string, body: object) =>
    env.api.http().post(`${base()}/${path}`).set(bearer(tokens[role])).send(body),
  delete: (path: string) => env.api.http().delete(`${base()}/${path}`).set(bearer(tokens[role])),
});

/** A witness key pair, deterministic per name. */
function witnessKey(name: string): { signer: NoteSigner; key: NoteVerifierKey; vkey: string } {
  const secretKey = new Uint8Array(createHash('sha256').update(`witness:${name}`).digest());
  const key = { name, publicKey: publicKeyFromSecret(secretKey) };
  return { signer: { name, secretKey }, key, vkey: formatCosignatureVerifierKey(key) };
}
const zeta = witnessKey('bureau.example/zeta');
const alpha = witnessKey('bureau.example/alpha');

async function checkpointOf(size: number) {
  const res = await env.api
    .http()
    .get(`${base()}/checkpoints?after=${size - 1}&limit=1`)
    .expect(200);
  expect(res.body.checkpoints[0].treeSize).toBe(size);
  return res.body.checkpoints[0] as { treeSize: number; note: string; cosigners: string[] };
}

/** What the bureau's witness does: fetch, check against what it saw last, cosign. */
async function witness(
  w: { signer: NoteSigner },
  size: number,
  previous: WitnessedTreeHead | null,
): Promise<{ line: string; head: WitnessedTreeHead }> {
  const { note } = await checkpointOf(size);
  let proof: Uint8Array[] = [];
  if (previous && previous.size > 0 && previous.size < size) {
    const res = await env.api
      .http()
      .get(`${base()}/proof/consistency?from=${previous.size}&to=${size}`)
      .expect(200);
    proof = res.body.proof.map((p: string) => decodeBase64(p)!);
  }
  const result = witnessCheckpoint({
    logKeys: await env.auditKeys(),
    origin: `tanlian.test/${env.program.code}/sha256`,
    hash: sha256LogHash,
    previous,
    note,
    proof,
    signer: w.signer,
    time: Math.floor(Date.now() / 1000),
  });
  if (!result.ok) throw new Error(result.reason);
  return { line: result.cosignature, head: result.checkpoint };
}

async function leavesOf(
  kind: string,
): Promise<{ ref_id: string; body: Record<string, unknown> }[]> {
  const rows: { ref_id: string; leaf_data: Buffer }[] = await env.db.query(
    'SELECT ref_id, leaf_data FROM audit_leaves WHERE program_id = ? AND kind = ? ORDER BY leaf_index',
    [env.program.id, kind],
  );
  return rows.map((r) => ({
    ref_id: String(r.ref_id),
    body: JSON.parse(r.leaf_data.subarray(1).toString('utf8')),
  }));
}

const fieldsOf = (res: { body: { errors?: { field: string }[] } }) =>
  (res.body.errors ?? []).map((e) => e.field);

let s1: number;
let s2: number;
let zetaHead: WitnessedTreeHead;

describe('witness keys', () => {
  it('registers a type 0x04 key, lists it in `keys` and records it as a leaf', async () => {
    const res = await as('bureau').post('witnesses', { vkey: zeta.vkey }).expect(201);
    expect(res.body).toMatchObject({
      name: zeta.key.name,
      vkey: zeta.vkey,
      keyId: zeta.vkey.split('+')[1],
      revokedAt: null,
    });
    const keys = await env.api.http().get(`${base()}/keys`).expect(200);
    expect(keys.body.witnesses).toEqual([res.body]);
    const [leaf] = await leavesOf('witness_key_added');
    const [row] = await env.db.query('SELECT id FROM audit_witnesses WHERE name = ?', [
      zeta.key.name,
    ]);
    expect(leaf.ref_id).toBe(String(row.id));
    expect(leaf.body).toEqual({
      type: 'witness_key_added',
      program: env.program.code,
      at: res.body.addedAt,
      witness: { name: zeta.key.name, keyId: res.body.keyId, vkey: zeta.vkey },
    });
    s1 = await env.sealed();
  });

  it('refuses a taken name or key (409) and a malformed or non-witness vkey (422 naming vkey), writing nothing', async () => {
    const before = await env.db.query('SELECT COUNT(*) AS n FROM audit_leaves');
    await as('bureau').post('witnesses', { vkey: zeta.vkey }).expect(409);
    // The same public key under another name: the cosignature does not sign the name.
    const renamed = formatCosignatureVerifierKey({ ...zeta.key, name: 'bureau.example/other' });
    const taken = await as('bureau').post('witnesses', { vkey: renamed }).expect(409);
    expect(taken.body.code).toBe('witness_key_exists');
    const noteKey = formatVerifierKey(alpha.key); // type 0x01: a log key, not a cosigner
    for (const vkey of ['nonsense', noteKey, zeta.vkey.replace(/\+[0-9a-f]{8}\+/, '+00000000+')]) {
      const res = await as('bureau').post('witnesses', { vkey });
      expect([vkey, res.status]).toEqual([vkey, 422]);
      expect(fieldsOf(res)).toEqual(['vkey']);
    }
    expect(fieldsOf(await as('bureau').post('witnesses', {}))).toEqual(['vkey']);
    expect(await env.db.query('SELECT COUNT(*) AS n FROM audit_leaves')).toEqual(before);
    const [{ n }] = await env.db.query('SELECT COUNT(*) AS n FROM audit_witnesses');
    expect(Number(n)).toBe(1);
  });

  it('is for the bureau only: admin, operator and merchant get 403', async () => {
    for (const role of ['admin', 'operator', 'merchant'] as const) {
      await as(role).post('witnesses', { vkey: alpha.vkey }).expect(403);
      await as(role)
        .delete(`witnesses/${encodeURIComponent(zeta.key.name)}`)
        .expect(403);
      await as(role).post('cosignatures', { size: s1, signature: 'x' }).expect(403);
    }
    await env.api.http().post(`${base()}/witnesses`).send({ vkey: alpha.vkey }).expect(401);
  });
});

describe('cosignatures', () => {
  it('accepts a witness’s cosignature and serves it in `checkpoint` and `checkpoints`', async () => {
    // A second witness registered: one more leaf, a second checkpoint.
    await as('bureau').post('witnesses', { vkey: alpha.vkey }).expect(201);
    s2 = await env.sealed();
    expect(s2).toBe(s1 + 1);

    const { line, head } = await witness(zeta, s2, null);
    zetaHead = head;
    const res = await as('bureau').post('cosignatures', { size: s2, signature: line }).expect(201);
    expect(res.body.cosigners).toEqual([zeta.key.name]);
    expect(res.body.note.endsWith(`${line}\n`)).toBe(true);

    const latest = await env.api.http().get(`${base()}/checkpoint`).expect(200);
    expect(latest.text).toBe(res.body.note);
    // Still a valid note for the log's key; the cosignature verifies against the witness key.
    const verified = verifyNote(latest.text, await env.auditKeys());
    if (!verified.ok) throw new Error(verified.reason);
    expect(verifyCosignature(zeta.key, verified.body, line)).toMatchObject({ ok: true });
    expect((await checkpointOf(s2)).cosigners).toEqual([zeta.key.name]);
    expect((await checkpointOf(s1)).cosigners).toEqual([]);
  });

  it('is idempotent: the same cosignature again is 200 and stored once', async () => {
    const [{ line }] = await env.db.query('SELECT line FROM audit_cosignatures');
    const again = await as('bureau')
      .post('cosignatures', { size: s2, signature: line })
      .expect(200);
    expect(again.body.cosigners).toEqual([zeta.key.name]);
    const [{ n }] = await env.db.query('SELECT COUNT(*) AS n FROM audit_cosignatures');
    expect(Number(n)).toBe(1);
  });

  it('sorts cosignature lines by witness name, whatever the order they came in; a concurrent repeat is stored once', async () => {
    const { line } = await witness(alpha, s2, null);
    // Sent twice at once (a client retrying): one is stored, the other is the idempotent repeat.
    const statuses = await Promise.all(
      [1, 2].map(
        async () => (await as('bureau').post('cosignatures', { size: s2, signature: line })).status,
      ),
    );
    expect(statuses.sort()).toEqual([200, 201]);
    const cp = await checkpointOf(s2);
    expect(cp.cosigners).toEqual([alpha.key.name, zeta.key.name]);
    const parsed = parseNote(cp.note);
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.signatures.map((s) => s.name).slice(1)).toEqual([alpha.key.name, zeta.key.name]);
  });

  it('refuses a bad signature (422 naming signature), an unknown size (404) and going back (409)', async () => {
    const before = await env.db.query('SELECT COUNT(*) AS n FROM audit_cosignatures');
    const { line } = await witness(zeta, s2, zetaHead);
    const [, name, b64] = line.split(' ');
    const raw = Buffer.from(b64, 'base64');
    raw[40] ^= 1;
    const tampered = `— ${name} ${raw.toString('base64')}`;
    const body = (await checkpointOf(s1)).note.slice(
      0,
      (await checkpointOf(s1)).note.indexOf('\n\n') + 1,
    );
    const overOtherCheckpoint = cosignCheckpoint(zeta.signer, body, Math.floor(Date.now() / 1000));
    const future = cosignCheckpoint(
      zeta.signer,
      (await checkpointOf(s2)).note.slice(0, (await checkpointOf(s2)).note.indexOf('\n\n') + 1),
      Math.floor(Date.now() / 1000) + 3600,
    );
    const stranger = witnessKey('bureau.example/stranger');
    const unregistered = (await witness(stranger, s2, null)).line;
    for (const signature of [tampered, overOtherCheckpoint, future, unregistered, 'nonsense']) {
      const res = await as('bureau').post('cosignatures', { size: s2, signature });
      expect([signature, res.status]).toEqual([signature, 422]);
      expect(fieldsOf(res)).toEqual(['signature']);
    }
    expect(
      fieldsOf(await as('bureau').post('cosignatures', { size: -1, signature: line })),
    ).toEqual(['size']);
    await as('bureau').post('cosignatures', { size: 999_999, signature: line }).expect(404);
    // zeta cosigned s2: a cosignature of the smaller s1, however valid, is going back.
    const back = await as('bureau')
      .post('cosignatures', { size: s1, signature: overOtherCheckpoint })
      .expect(409);
    expect(back.body.code).toBe('witness_went_back');
    expect(await env.db.query('SELECT COUNT(*) AS n FROM audit_cosignatures')).toEqual(before);
  });

  it('revokes a witness: a leaf, later cosignatures refused, earlier ones kept', async () => {
    const res = await as('bureau')
      .delete(`witnesses/${encodeURIComponent(zeta.key.name)}`)
      .expect(200);
    expect(res.body.revokedAt).not.toBeNull();
    const [leaf] = await leavesOf('witness_key_revoked');
    expect(leaf.body).toEqual({
      type: 'witness_key_revoked',
      program: env.program.code,
      at: res.body.revokedAt,
      witness: { name: zeta.key.name, keyId: res.body.keyId, vkey: zeta.vkey },
    });
    // Revoking again changes nothing and writes no second leaf.
    await as('bureau')
      .delete(`witnesses/${encodeURIComponent(zeta.key.name)}`)
      .expect(200);
    expect(await leavesOf('witness_key_revoked')).toHaveLength(1);
    await as('bureau')
      .delete(`witnesses/${encodeURIComponent('no.such/witness')}`)
      .expect(404);

    const s3 = await env.sealed();
    const { line } = await witness(zeta, s3, zetaHead);
    const refused = await as('bureau').post('cosignatures', { size: s3, signature: line });
    expect(refused.status).toBe(422);
    expect(fieldsOf(refused)).toEqual(['signature']);
    expect((await checkpointOf(s2)).cosigners).toEqual([alpha.key.name, zeta.key.name]);
    const keys = await env.api.http().get(`${base()}/keys`).expect(200);
    expect(
      keys.body.witnesses.map((w: { name: string; revokedAt: string | null }) => [
        w.name,
        w.revokedAt !== null,
      ]),
    ).toEqual([
      [alpha.key.name, false],
      [zeta.key.name, true],
    ]);
    // Registering the revoked name again is refused: names are never reused.
    const newKey = {
      name: zeta.key.name,
      publicKey: witnessKey('bureau.example/new').key.publicKey,
    };
    await as('bureau')
      .post('witnesses', { vkey: formatCosignatureVerifierKey(newKey) })
      .expect(409);
  });

  it('keeps each witness key change as a leaf, each sealed in a checkpoint', async () => {
    const added = await leavesOf('witness_key_added');
    expect(added.map((l) => (l.body.witness as { name: string }).name)).toEqual([
      zeta.key.name,
      alpha.key.name,
    ]);
    expect(await leavesOf('witness_key_revoked')).toHaveLength(1);
    const size = await env.sealed();
    const [{ last }] = await env.db.query(
      "SELECT MAX(leaf_index) AS last FROM audit_leaves WHERE program_id = ? AND kind LIKE 'witness_key_%'",
      [env.program.id],
    );
    expect(Number(last)).toBeLessThan(size);
  });
});
