/**
 * The verifiable audit log end to end: credits write leaves, the worker's integrator seals them
 * into stored subtrees and signed checkpoints, and the public HTTP API serves checkpoints, keys,
 * leaves and proofs that @tanlian/sdk verifies. Real MariaDB, Redis and worker applications.
 */
import type { INestApplicationContext } from '@nestjs/common';
import {
  decodeBase64,
  leafHash,
  MerkleTree,
  sha256LogHash,
  sm3LogHash,
  verifyConsistency,
  verifyInclusion,
  type LogHash,
} from '@tanlian/sdk';
import { randomBytes } from 'node:crypto';
import { encodeLeaf } from '../../src/audit/leaf-data';
import { AuditIntegrator, CheckpointRefused } from '../../src/audit/services/audit-integrator';
import { AuditLogWriter } from '../../src/audit/services/audit-log-writer';
import { createWorkerApp } from '../../src/bootstrap';
import { EarnEnv, metroRide } from '../support/earn-env';

const seed = () => randomBytes(32).toString('base64');
let env: EarnEnv;
let rides = 0;

beforeAll(async () => {
  env = await EarnEnv.start('audit-log', {
    AUDIT_INTEGRATE_INTERVAL_MS: '150',
    AUDIT_ORIGIN_PREFIX: 'tanlian.test',
    // Held in order of preference: `new` becomes the log's first key; `old` is never registered.
    AUDIT_SIGNING_KEYS: `tanlian.test-new+${seed()},tanlian.test-old+${seed()}`,
  });
  await env.startWorker();
});
afterAll(() => env.stop());

const base = () => `/v1/programs/${env.program.code}/audit`;
const b64 = (s: string) => decodeBase64(s)!;

/** Credits `count` metro rides, each by a new resident (so no cap applies): one leaf each. */
async function credit(count: number, opts: { distanceM?: number } = {}): Promise<void> {
  for (let i = 0; i < count; i++) {
    const user = `user-${++rides}`;
    await env.bindResident(`wx-${user}`, env.operators.metro, user);
    await env.push(env.operators.metro, metroRide(`ride-${rides}`, user, opts)).expect(202);
  }
  await env.processed();
}

/** How many leaf hashes (level 0 nodes) the tiles hold for the program. */
async function storedLeafHashes(programId = env.program.id): Promise<number> {
  const [{ bytes }] = await env.db.query(
    'SELECT COALESCE(SUM(LENGTH(hashes)), 0) AS bytes FROM audit_tiles WHERE program_id = ? AND level = 0',
    [programId],
  );
  return Number(bytes) / 32;
}

/** The latest checkpoint over HTTP, verified with the published keys. */
async function checkpoint(code = env.program.code) {
  const cp = await env.checkpoint(code);
  expect(cp.contentType).toMatch(/^text\/plain/);
  return cp;
}

async function leaves(code: string, size: number): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for (let start = 0; start < size; start += 1000) {
    const end = Math.min(size, start + 1000);
    const res = await env.api
      .http()
      .get(`/v1/programs/${code}/audit/leaves?start=${start}&end=${end}`)
      .expect(200);
    out.push(...res.body.leaves.map((l: { data: string }) => b64(l.data)));
  }
  return out;
}

/** Every leaf's inclusion proof and every consistency proof over HTTP, verified by the sdk. */
async function verifyAllProofs(code: string, hash: LogHash, size: number, root: Uint8Array) {
  const tree = new MerkleTree(hash);
  for (const data of await leaves(code, size)) tree.appendData(data);
  expect(Buffer.from(tree.root(size))).toEqual(Buffer.from(root));
  for (let i = 0; i < size; i++) {
    const res = await env.api
      .http()
      .get(`/v1/programs/${code}/audit/proof/inclusion?index=${i}&size=${size}`)
      .expect(200);
    const proof = res.body.proof.map(b64);
    expect(
      verifyInclusion(hash, i, size, leafHash(hash, b64(res.body.leafData)), proof, root),
    ).toEqual({ ok: true });
  }
  for (let from = 1; from <= size; from++) {
    const res = await env.api
      .http()
      .get(`/v1/programs/${code}/audit/proof/consistency?from=${from}&to=${size}`)
      .expect(200);
    const proof = res.body.proof.map(b64);
    expect(verifyConsistency(hash, from, size, proof, tree.root(from), root)).toEqual({ ok: true });
  }
}

describe('audit log', () => {
  it('seals credited leaves into a checkpoint signed by the log’s first key, matching the leaves', async () => {
    await credit(2);
    await credit(1, { distanceM: 100 }); // 4.67 g: no point, a `reduction` leaf
    const size = await env.sealed();
    const cp = await checkpoint();
    expect(cp.origin).toBe('tanlian.test/shenzhen/sha256');
    expect(cp.size).toBe(size);
    expect(cp.signers.map((s) => s.name)).toEqual(['tanlian.test-new']);
    const keys = await env.api.http().get(`${base()}/keys`).expect(200);
    expect(keys.body).toMatchObject({
      origin: 'tanlian.test/shenzhen/sha256',
      hash: 'sha256',
      signer: 'tanlian.test-new',
      sealing: { status: 'sealed', unsealedAgeSeconds: 0 },
    });
    // Published from the log's registry, not from any process's configuration: the worker's
    // preferred key became the genesis key, announced by a leaf its first checkpoint covers.
    const [genesisLeaf] = await env.db.query(
      "SELECT leaf_index, leaf_data FROM audit_leaves WHERE program_id = ? AND kind = 'checkpoint_key_activated'",
      [env.program.id],
    );
    expect(keys.body.keys).toEqual([
      {
        name: 'tanlian.test-new',
        keyId: expect.stringMatching(/^[0-9a-f]{8}$/),
        vkey: expect.stringMatching(/^tanlian\.test-new\+/),
        state: 'active',
        genesis: true,
        activatedAt: Number(genesisLeaf.leaf_index),
        retiredAt: null,
      },
    ]);
    expect(JSON.parse(genesisLeaf.leaf_data.subarray(1).toString())).toMatchObject({
      type: 'checkpoint_key_activated',
      genesis: true,
      key: { name: 'tanlian.test-new', vkey: keys.body.keys[0].vkey },
    });
    await verifyAllProofs(env.program.code, sha256LogHash, size, cp.rootHash);
    const [{ lag }] = await env.db.query('SELECT MAX(lag_ms) AS lag FROM audit_checkpoints');
    expect(Number(lag)).toBeLessThan(10_000);
  });

  it('proves a ledger transaction and a reduction by id', async () => {
    const cp = await checkpoint();
    const [tx] = await env.db.query(
      "SELECT ref_id, leaf_index FROM audit_leaves WHERE kind = 'ledger_transaction' LIMIT 1",
    );
    const [red] = await env.db.query(
      "SELECT ref_id, leaf_index FROM audit_leaves WHERE kind = 'reduction' LIMIT 1",
    );
    for (const [path, row] of [
      ['transaction', tx],
      ['reduction', red],
    ] as const) {
      const res = await env.api.http().get(`${base()}/proof/${path}/${row.ref_id}`).expect(200);
      expect(res.body).toMatchObject({ leafIndex: Number(row.leaf_index), treeSize: cp.size });
      const ok = verifyInclusion(
        sha256LogHash,
        res.body.leafIndex,
        cp.size,
        leafHash(sha256LogHash, b64(res.body.leafData)),
        res.body.proof.map(b64),
        cp.rootHash,
      );
      expect(ok).toEqual({ ok: true });
    }
    await env.api.http().get(`${base()}/proof/reduction/999999`).expect(404);
  });

  it('answers 422 naming the bad query field, and 404 for an unknown program', async () => {
    const size = (await checkpoint()).size;
    const [{ ref_id: txId }] = await env.db.query(
      "SELECT ref_id FROM audit_leaves WHERE kind = 'ledger_transaction' LIMIT 1",
    );
    const cases: [string, string][] = [
      ['proof/inclusion?index=abc&size=1', 'index'],
      ['proof/inclusion?index=0', 'size'],
      [`proof/inclusion?index=0&size=${size + 1}`, 'size'],
      [`proof/inclusion?index=${size}&size=${size}`, 'index'],
      ['proof/consistency?from=0&to=1', 'from'],
      [`proof/consistency?from=2&to=1`, 'from'],
      [`proof/consistency?from=1&to=${size + 5}`, 'to'],
      ['proof/consistency?from=1&to=-1', 'to'],
      ['leaves?start=0&end=1001', 'end'],
      [`leaves?start=0&end=${size + 1}`, 'end'],
      ['leaves?start=x&end=1', 'start'],
      ['proof/transaction/abc', 'id'],
      [`proof/transaction/${txId}?size=${size + 1}`, 'size'],
    ];
    for (const [query, field] of cases) {
      const res = await env.api.http().get(`${base()}/${query}`);
      expect([query, res.status]).toEqual([query, 422]);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    await env.api.http().get('/v1/programs/nowhere/audit/checkpoint').expect(404);
    await env.api.http().get('/v1/programs/nowhere/audit/keys').expect(404);
  });

  it('catches up after the integrator was stopped: every leaf signed, in order, no gap', async () => {
    const integrator = env.worker!.get(AuditIntegrator);
    await integrator.onApplicationShutdown();
    const before = await env.signedSize(env.program.id);
    await credit(3);
    await new Promise((r) => setTimeout(r, 600));
    expect(await env.signedSize(env.program.id)).toBe(before);
    expect(await env.auditHead(env.program.id)).toBeGreaterThan(before);
    await integrator.onApplicationBootstrap();
    const size = await env.sealed();
    expect(await storedLeafHashes()).toBe(size);
    // Every signed checkpoint extends the one before it.
    const rows: { tree_size: string; root_hash: Buffer }[] = await env.db.query(
      'SELECT tree_size, root_hash FROM audit_checkpoints WHERE program_id = ? ORDER BY tree_size',
      [env.program.id],
    );
    for (let i = 1; i < rows.length; i++) {
      const [from, to] = [Number(rows[i - 1].tree_size), Number(rows[i].tree_size)];
      const res = await env.api
        .http()
        .get(`${base()}/proof/consistency?from=${from}&to=${to}`)
        .expect(200);
      expect(
        verifyConsistency(
          sha256LogHash,
          from,
          to,
          res.body.proof.map(b64),
          rows[i - 1].root_hash,
          rows[i].root_hash,
        ),
      ).toEqual({ ok: true });
    }
  });

  it('integrates each leaf exactly once with two worker apps running', async () => {
    const second: INestApplicationContext = await createWorkerApp(env.api.db.config);
    try {
      const first = env.worker!.get(AuditIntegrator);
      const other = second.get(AuditIntegrator);
      await Promise.all([first.onApplicationShutdown(), other.onApplicationShutdown()]);
      await credit(2);
      const results = await Promise.all([
        first.integrate(env.program.id),
        other.integrate(env.program.id),
      ]);
      const statuses = results.map((r) => r.status).sort();
      expect(statuses[0] === 'busy' || statuses[0] === 'idle').toBe(true);
      expect(statuses[1]).toBe('signed');
      // Both timers racing from here on: the primary key would refuse a second integration.
      first.onApplicationBootstrap();
      other.onApplicationBootstrap();
      await credit(3);
      const size = await env.sealed();
      expect(await storedLeafHashes()).toBe(size);
    } finally {
      await second.close();
    }
  });

  it('refuses to sign a forked history (a tampered stored subtree) and signs again once repaired', async () => {
    const integrator = env.worker!.get(AuditIntegrator);
    await integrator.onApplicationShutdown();
    const size = await env.sealed();
    let level = 0;
    while (2 ** (level + 1) <= size) level++;
    // Node (level, 0) is the first 32 bytes of tile 0 of its level.
    const [{ hashes }] = await env.db.query(
      'SELECT hashes FROM audit_tiles WHERE program_id = ? AND level = ? AND tile = 0',
      [env.program.id, level],
    );
    const tampered = Buffer.from(hashes);
    tampered.fill(7, 0, 32);
    await env.db.query(
      'UPDATE audit_tiles SET hashes = ? WHERE program_id = ? AND level = ? AND tile = 0',
      [tampered, env.program.id, level],
    );
    await credit(1);
    await expect(integrator.integrate(env.program.id)).rejects.toThrow(CheckpointRefused);
    expect(await env.signedSize(env.program.id)).toBe(size);
    expect(await storedLeafHashes()).toBe(size); // the refused batch was rolled back
    await env.db.query(
      'UPDATE audit_tiles SET hashes = ? WHERE program_id = ? AND level = ? AND tile = 0',
      [hashes, env.program.id, level],
    );
    expect(await integrator.integrate(env.program.id)).toMatchObject({ status: 'signed' });
    await integrator.onApplicationBootstrap();
  });

  it('stores each leaf hash as the leaf is written, and seals rows written without one', async () => {
    const integrator = env.worker!.get(AuditIntegrator);
    await integrator.onApplicationShutdown();
    const before = await env.sealed();
    await credit(2);
    const rows: { leaf_data: Buffer; leaf_hash: Buffer }[] = await env.db.query(
      'SELECT leaf_data, leaf_hash FROM audit_leaves WHERE program_id = ? AND leaf_index >= ?',
      [env.program.id, before],
    );
    expect(rows.length).toBe(2);
    for (const row of rows) {
      expect(Buffer.from(leafHash(sha256LogHash, row.leaf_data))).toEqual(row.leaf_hash);
    }
    // Leaves written before leaf hashes were stored: the integrator hashes their data.
    await env.db.query(
      'UPDATE audit_leaves SET leaf_hash = NULL WHERE program_id = ? AND leaf_index >= ?',
      [env.program.id, before],
    );
    await integrator.onApplicationBootstrap();
    const size = await env.sealed();
    expect(size).toBe(before + 2);
    await verifyAllProofs(env.program.code, sha256LogHash, size, (await checkpoint()).rootHash);
  });

  it('runs an SM3 program end to end', async () => {
    const program = await env.createProgram('guangzhou', 'sm3');
    const writer = env.api.app.get(AuditLogWriter);
    for (let batch = 0; batch < 3; batch++) {
      await env.db.transaction(async (db) => {
        const head = await writer.lockHead(db, program.id);
        const rows = Array.from({ length: 5 }, (_, i) => ({
          kind: 'reduction' as const,
          refId: 1000 + batch * 5 + i,
          data: encodeLeaf({ kind: 'reduction', id: String(1000 + batch * 5 + i) }),
        }));
        await writer.append(db, head, rows, new Date());
      });
    }
    const size = await env.sealed(program.id);
    expect(size).toBe(16); // and the leaf announcing the log's first key
    const cp = await checkpoint('guangzhou');
    expect(cp.origin).toBe('tanlian.test/guangzhou/sm3');
    await verifyAllProofs('guangzhou', sm3LogHash, size, cp.rootHash);
  });
});
