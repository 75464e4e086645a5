/**
 * The audit log as C2SP tlog-tiles over HTTP, checked by an independent client written from the
 * spec (test/support/tlog-tiles-client.ts): the tiles recompute the signed checkpoint's root, the
 * entry bundles hash to the level-0 tiles, nothing past the checkpoint is served, and proofs
 * computed from tiles by the sdk equal what the proof endpoints answer. Real MariaDB, Redis and
 * worker.
 */
import {
  consistencyFromTiles,
  decodeBase64,
  inclusionFromTiles,
  sha256LogHash,
  sm3LogHash,
} from '@tanlian/sdk';
import { AuditProofEdge } from '../../src/audit/services/audit-proof-edge';
import { AuditTiles } from '../../src/audit/services/audit-tiles';
import { randomBytes } from 'node:crypto';
import { encodeLeaf } from '../../src/audit/leaf-data';
import { AuditIntegrator } from '../../src/audit/services/audit-integrator';
import { AuditLogWriter } from '../../src/audit/services/audit-log-writer';
import { EarnEnv } from '../support/earn-env';
import { auditPrefix, httpTilesClient, httpTileSource, rawGet } from '../support/http-tiles';
import { widthAt } from '../support/tlog-tiles-client';

let env: EarnEnv;
let refs = 0;

beforeAll(async () => {
  env = await EarnEnv.start('audit-tiles', {
    AUDIT_INTEGRATE_INTERVAL_MS: '150',
    AUDIT_ORIGIN_PREFIX: 'tanlian.test',
    AUDIT_SIGNING_KEYS: `tanlian.test-tiles+${randomBytes(32).toString('base64')}`,
  });
  await env.startWorker();
});
afterAll(() => env.stop());

/** Writes `count` reduction leaves straight through the log writer, 500 a transaction. */
async function writeLeaves(programId: number, count: number): Promise<void> {
  const writer = env.api.app.get(AuditLogWriter);
  for (let done = 0; done < count;) {
    const batch = Math.min(500, count - done);
    await env.db.transaction(async (db) => {
      const head = await writer.lockHead(db, programId);
      const rows = Array.from({ length: batch }, () => {
        const id = ++refs;
        // Leaves of varied lengths, so bundle framing is exercised.
        return {
          kind: 'reduction' as const,
          refId: id,
          data: encodeLeaf({ kind: 'reduction', id: String(id), pad: 'x'.repeat(id % 97) }),
        };
      });
      await writer.append(db, head, rows, new Date());
    });
    done += batch;
  }
}

const prefix = auditPrefix;
const raw = (path: string) => rawGet(env.api, path);
const clientOf = (code: string, hash: 'sha256' | 'sm3') => httpTilesClient(env.api, code, hash);
const sdkSource = (code: string) => httpTileSource(env.api, code);

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

describe('audit log as tlog-tiles', () => {
  let size: number;

  beforeAll(async () => {
    // The seeded methodologies and the log's first key wrote leaves already: fill up to 3001.
    await writeLeaves(env.program.id, 3001 - (await env.sealed()));
    size = await env.sealed(env.program.id, 30_000);
  });

  it('serves tiles that recompute the signed root, and bundles that hash to the leaf tiles', async () => {
    const cp = await env.checkpoint(env.program.code);
    expect(cp.size).toBe(size);
    expect(size).toBe(3001);
    const client = clientOf(env.program.code, 'sha256');
    const leafHashes = await client.level(0, size);
    expect(leafHashes.length).toBe(size);
    expect(client.mth(leafHashes)).toEqual(Buffer.from(cp.rootHash));
    // 11 full level-0 tiles, one of 185, and a partial level-1 tile of 11 hashes.
    expect(widthAt(0, 11, size)).toBe(185);
    expect(widthAt(1, 0, size)).toBe(11);
    expect(await client.rootFromTwoLevels(size)).toEqual(Buffer.from(cp.rootHash));
    for (let n = 0; n * 256 < size; n++) {
      const entries = await client.entries(n, size);
      entries.forEach((entry, i) =>
        expect(client.leafHash(entry)).toEqual(leafHashes[n * 256 + i]),
      );
    }
    // A bundle's entries are the very bytes `leaves` serves.
    const page = await env.api.http().get(`${prefix(env.program.code)}/leaves?start=256&end=512`);
    const bundle = await client.entries(1, size);
    expect(bundle.map(b64)).toEqual(page.body.leaves.map((l: { data: string }) => l.data));
  });

  it('caches full tiles for good and partial ones briefly', async () => {
    const base = prefix(env.program.code);
    for (const path of ['tile/0/000', 'tile/0/010', 'tile/entries/003']) {
      const res = await raw(`${base}/${path}`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/octet-stream');
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
    for (const path of ['tile/0/011.p/185', 'tile/1/000.p/11', 'tile/entries/011.p/185']) {
      const res = await raw(`${base}/${path}`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/octet-stream');
      expect(res.headers['cache-control']).toBe('public, max-age=10');
    }
  });

  it('answers a full tile again from memory before the framework, byte for byte and header for header', async () => {
    const url = `${prefix(env.program.code)}/tile/0/004`;
    const first = await raw(url);
    const calls = jest.spyOn(env.api.app.get(AuditTiles), 'hashes');
    try {
      const again = await raw(url);
      expect(calls).not.toHaveBeenCalled(); // the edge answered, not the route
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
      for (const header of ['content-type', 'cache-control', 'content-length'])
        expect(again.headers[header]).toBe(first.headers[header]);
      expect(again.headers['x-request-id']).toMatch(/.+/);
      expect(again.headers['x-request-id']).not.toBe(first.headers['x-request-id']);
      // A partial tile, and another program's path, still go to the route.
      await raw(`${prefix(env.program.code)}/tile/0/011.p/185`).expect(200);
      expect(calls).toHaveBeenCalledTimes(1);
    } finally {
      calls.mockRestore();
    }
  });

  it('answers an inclusion proof before the framework with the route’s own bytes and headers', async () => {
    const base = prefix(env.program.code);
    const edge = env.api.app.get(AuditProofEdge) as unknown as {
      answer(...args: unknown[]): Promise<boolean>;
    };
    const answers = jest.spyOn(edge, 'answer');
    /** What the edge did with each request it matched: answered (true), or left it to the route. */
    const outcomes = () =>
      Promise.all(
        answers.mock.results.map((r) => (r.value as Promise<boolean>).catch(() => false)),
      );
    try {
      // The edge takes the spelling clients format; the same query in another order is the route's.
      const fast = await raw(`${base}/proof/inclusion?index=300&size=1300`);
      const routed = await raw(`${base}/proof/inclusion?size=1300&index=300`);
      expect(await outcomes()).toEqual([true]);
      expect(fast.status).toBe(200);
      expect(fast.body).toEqual(routed.body);
      for (const header of ['content-type', 'content-length', 'cache-control'])
        expect(fast.headers[header]).toBe(routed.headers[header]);
      expect(fast.headers['x-request-id']).toMatch(/.+/);
      // What the edge cannot answer goes on to the route, which answers it as before.
      const signed = (await env.checkpoint()).size;
      for (const [query, status] of [
        [`index=0&size=${signed + 1}`, 422],
        ['index=1300&size=1300', 422],
        ['index=007&size=1300', 200],
      ] as const) {
        const res = await raw(`${base}/proof/inclusion?${query}`);
        expect([query, res.status]).toEqual([query, status]);
      }
      await raw(`${prefix('no-such-program')}/proof/inclusion?index=0&size=1`).expect(404);
      expect(await outcomes()).toEqual([true, false, false, false]);
    } finally {
      answers.mockRestore();
    }
  });

  it('gzips entry bundles for clients that accept it, and only for them', async () => {
    const url = `${prefix(env.program.code)}/tile/entries/002`;
    const plain = await raw(url).set('accept-encoding', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    for (const accept of ['gzip', 'br, gzip;q=0.5', '*']) {
      const zipped = await raw(url).set('accept-encoding', accept);
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(zipped.headers.vary).toBe('accept-encoding');
      expect(Number(zipped.headers['content-length'])).toBeLessThan(plain.body.length / 2);
      expect(zipped.body).toEqual(plain.body); // decompressed by the client
    }
    const refused = await raw(url).set('accept-encoding', 'gzip;q=0, identity');
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.body).toEqual(plain.body);
  });

  it('names the wrong part of a bad path, and 404s an unknown program', async () => {
    const base = prefix(env.program.code);
    const cases: [string, string][] = [
      ['tile/00/000', 'level'],
      ['tile/64/000', 'level'],
      ['tile/0/1', 'index'],
      ['tile/0/x000/001', 'index'],
      ['tile/0/000.p/256', 'width'],
      ['tile/0/000.p/0', 'width'],
      ['tile/entries/7', 'index'],
      ['tile/entries/000.p/01', 'width'],
    ];
    for (const [path, field] of cases) {
      const res = await env.api.http().get(`${base}/${path}`);
      expect([path, res.status]).toEqual([path, 422]);
      expect(res.body).toMatchObject({ code: 'validation_failed', errors: [{ field }] });
    }
    await env.api.http().get('/v1/programs/nowhere/audit/tile/0/000').expect(404);
  });

  it('serves nothing past the latest signed checkpoint', async () => {
    const integrator = env.worker!.get(AuditIntegrator);
    await integrator.onApplicationShutdown();
    try {
      const signed = await env.signedSize();
      await writeLeaves(env.program.id, 300); // unsigned: 3301 leaves written
      const base = prefix(env.program.code);
      const beyond = [
        'tile/0/011', // full only at 3328
        'tile/0/011.p/186',
        'tile/0/012.p/1',
        'tile/1/000.p/12',
        'tile/2/000.p/1',
        'tile/entries/011',
        'tile/entries/011.p/186',
      ];
      for (const path of beyond) {
        const res = await env.api.http().get(`${base}/${path}`);
        expect([path, res.status]).toEqual([path, 404]);
        expect(res.body.code).toBe('tile_beyond_checkpoint');
      }
      // The checkpoint's own partial tiles, and smaller ones of earlier sizes, still are.
      for (const path of ['tile/0/011.p/185', 'tile/0/011.p/3', 'tile/1/000.p/11']) {
        expect([path, (await raw(`${base}/${path}`)).status]).toEqual([path, 200]);
      }
      expect(await env.signedSize()).toBe(signed);
    } finally {
      integrator.onApplicationBootstrap();
    }
    size = await env.sealed();
    expect(size).toBe(3301);
  });

  it('gives the same proofs as the proof endpoints, computed from the served tiles', async () => {
    const base = prefix(env.program.code);
    const source = sdkSource(env.program.code);
    const cases: [number, number][] = [
      [0, size],
      [size - 1, size],
      [255, size],
      [256, 3001],
      [2047, 2048],
      [1234, 1300],
    ];
    for (const [index, at] of cases) {
      const served = await env.api.http().get(`${base}/proof/inclusion?index=${index}&size=${at}`);
      const fromTiles = await inclusionFromTiles(sha256LogHash, index, at, source);
      expect(fromTiles.proof.map(b64)).toEqual(served.body.proof);
      expect(b64(fromTiles.leafHash)).toBe(served.body.leafHash);
    }
    for (const [from, to] of [
      [1, size],
      [256, size],
      [3001, size],
      [511, 2049],
      [size - 1, size],
    ]) {
      const served = await env.api.http().get(`${base}/proof/consistency?from=${from}&to=${to}`);
      const fromTiles = await consistencyFromTiles(sha256LogHash, from, to, source);
      expect(fromTiles.map(b64)).toEqual(served.body.proof);
    }
  });

  it('serves an SM3 program the same layout, hashed with SM3 (variant tanlian-sm3)', async () => {
    const program = await env.createProgram('guangzhou', 'sm3');
    await writeLeaves(program.id, 600);
    const sm3Size = await env.sealed(program.id, 30_000);
    expect(sm3Size).toBe(601);
    const keys = await env.api
      .http()
      .get(`${prefix('guangzhou')}/keys`)
      .expect(200);
    expect(keys.body).toMatchObject({ hash: 'sm3', tiles: 'tanlian-sm3' });
    const cp = await env.checkpoint('guangzhou');
    const client = clientOf('guangzhou', 'sm3');
    expect(await client.rootFromTwoLevels(sm3Size)).toEqual(Buffer.from(cp.rootHash));
    const entries = await client.entries(2, sm3Size);
    const leaves = await client.tile(0, 2, sm3Size);
    expect(entries.map((e) => client.leafHash(e))).toEqual(leaves);
    const source = sdkSource('guangzhou');
    const served = await env.api
      .http()
      .get(`${prefix('guangzhou')}/proof/inclusion?index=300&size=${sm3Size}`);
    const fromTiles = await inclusionFromTiles(sm3LogHash, 300, sm3Size, source);
    expect(fromTiles.proof.map(b64)).toEqual(served.body.proof);
    expect(decodeBase64(served.body.leafHash)).toEqual(fromTiles.leafHash);
  });
});
