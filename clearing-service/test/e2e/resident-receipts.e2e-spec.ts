/**
 * Every record in a resident's history carries a receipt that points into the log's tiles: its
 * leaf index and hash, against the page's one signed checkpoint. The mini-program computes the
 * proof from the tiles it downloads and checks it with @tanlian/sdk verifyPageReceipt against the
 * log key pinned in the app; here the tiles come over HTTP from the live api. Real MariaDB,
 * Redis, api and worker (integrator).
 */
import {
  decodeBase64,
  formatTilePath,
  inclusionTiles,
  leafHash,
  publicKeyFromSecret,
  sha256LogHash,
  verifyPageReceipt,
  type NoteVerifierKey,
} from '@tanlian/sdk';
import { randomBytes } from 'node:crypto';
import { ResidentSessionsService } from '../../src/residents/services/resident-sessions.service';
import { EarnEnv, metroRide } from '../support/earn-env';
import { httpTilesClient, httpTileSource } from '../support/http-tiles';

let env: EarnEnv;
let token: string;

beforeAll(async () => {
  env = await EarnEnv.start('receipts', { AUDIT_INTEGRATE_INTERVAL_MS: '100' });
  await env.startWorker();
  const residentId = await env.bindResident('wx-mei', env.operators.metro, 'mei');
  token = (await env.api.app.get(ResidentSessionsService).open(residentId)).token;
});
afterAll(() => env.stop());

interface Receipt {
  leafIndex: number;
  leafHash: string;
}
interface HistoryItem {
  reference: string;
  eventId: string;
  status: string;
  points: string | null;
  receipt: Receipt | null;
}
interface Page {
  checkpoint: string | null;
  points: { balance: string };
  history: HistoryItem[];
}

async function page(): Promise<Page> {
  const res = await env.api
    .http()
    .get(`/v1/programs/${env.program.code}/residents/me/account`)
    .set('authorization', `Bearer ${token}`)
    .expect(200);
  return res.body;
}

/** Polls the account until every record has a receipt (the promise: sealed within 10 s). */
async function receipted(timeoutMs = 10_000): Promise<Page> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const shown = await page();
    if (shown.history.every((i) => i.receipt !== null)) return shown;
    if (Date.now() > deadline) throw new Error(`records without a receipt after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** What the app does with a record's receipt: the page's checkpoint, tiles over HTTP, pinned key. */
function check(
  receipt: Receipt,
  checkpoint: string,
  trustedKeys: NoteVerifierKey[],
  tilesFetched: string[] = [],
) {
  return verifyPageReceipt({
    hash: sha256LogHash,
    leafIndex: receipt.leafIndex,
    leafHash: decodeBase64(receipt.leafHash)!,
    checkpointNote: checkpoint,
    trustedKeys,
    origin: 'tanlian.local/shenzhen/sha256', // the default AUDIT_ORIGIN_PREFIX, pinned with the key
    tiles: httpTileSource(env.api, env.program.code, tilesFetched),
  });
}

describe('receipts in the resident history', () => {
  it('gives each credited record a receipt that verifies from the log’s tiles against the pinned log key', async () => {
    // 100 m earns 4.67 g: a reduction without points, recorded by a leaf of its own.
    await env
      .push(env.operators.metro, metroRide('r-1', 'mei', { minutesAgo: 120, distanceM: 100 }))
      .expect(202);
    await env.processed();
    // 576.511 g + the 4.67 g carried over: 58 points, a ledger transaction's leaf.
    await env.push(env.operators.metro, metroRide('r-2', 'mei', { minutesAgo: 60 })).expect(202);
    await env.processed();

    const { checkpoint, history: items } = await receipted();
    expect(items.map((i) => [i.status, i.points])).toEqual([
      ['credited', '58'],
      ['credited', '0'],
    ]);
    const kinds: { kind: string }[] = await env.db.query(
      `SELECT kind FROM audit_leaves WHERE leaf_index IN (?, ?) ORDER BY leaf_index DESC`,
      [items[0].receipt!.leafIndex, items[1].receipt!.leafIndex],
    );
    expect(kinds.map((k) => k.kind)).toEqual(['ledger_transaction', 'reduction']);
    const keys = await env.auditKeys();
    const { size } = await env.checkpoint();
    const bundles = httpTilesClient(env.api, env.program.code, 'sha256');
    for (const item of items) {
      const receipt = item.receipt!;
      const fetched: string[] = [];
      const result = await check(receipt, checkpoint!, keys, fetched);
      expect(result).toMatchObject({ ok: true, checkpoint: { size } });
      expect(fetched.sort()).toEqual(
        inclusionTiles(receipt.leafIndex, size).map(formatTilePath).sort(),
      );
      // The leaf data is in the entry bundle: it hashes to the receipt's leaf hash, and it is this
      // record's resident entry (format 2): a day, a tag and a commitment in public; which event
      // it is sits in the private part beside it.
      const data = (await bundles.entries(Math.floor(receipt.leafIndex / 256), size))[
        receipt.leafIndex % 256
      ];
      expect(Buffer.from(leafHash(sha256LogHash, data)).toString('base64')).toBe(receipt.leafHash);
      expect(data[0]).toBe(2);
      const body = JSON.parse(Buffer.from(data.subarray(1)).toString());
      expect(body).toMatchObject({ type: 'reduction_credit', day: expect.any(String) });
      expect(Object.keys(body.entry).sort()).toEqual(['commitment', 'tag']);
      expect(body).not.toHaveProperty('event');
      expect(body).not.toHaveProperty('resident');
      expect(JSON.stringify(body)).not.toContain('mei');
      const [entry] = await env.db.query(
        `SELECT i.event_id FROM audit_resident_entries e
           JOIN reductions r ON r.id = e.subject_id JOIN inbox_events i ON i.id = r.inbox_event_id
          WHERE e.program_id = ? AND e.leaf_index = ?`,
        [env.program.id, receipt.leafIndex],
      );
      expect(entry.event_id).toBe(item.eventId);
    }
    expect(items[0].receipt!.leafIndex).toBeGreaterThan(items[1].receipt!.leafIndex);
  });

  it('fails verification, naming the step, when the leaf, its index or the key is not the log’s', async () => {
    const { checkpoint, history } = await receipted();
    const receipt = history[0].receipt!;
    const keys = await env.auditKeys();

    const hash = decodeBase64(receipt.leafHash)!;
    hash[hash.length - 1] ^= 1;
    const tampered = { ...receipt, leafHash: Buffer.from(hash).toString('base64') };
    expect(await check(tampered, checkpoint!, keys)).toMatchObject({
      ok: false,
      step: 'inclusion',
    });

    const shifted = { ...receipt, leafIndex: receipt.leafIndex - 1 };
    expect(await check(shifted, checkpoint!, keys)).toMatchObject({ ok: false, step: 'inclusion' });

    const stranger = { name: keys[0].name, publicKey: publicKeyFromSecret(randomBytes(32)) };
    const fetched: string[] = [];
    expect(await check(receipt, checkpoint!, [stranger], fetched)).toMatchObject({
      ok: false,
      step: 'signature',
    });
    expect(await check(receipt, checkpoint!, [])).toMatchObject({ ok: false, step: 'signature' });
    // Nothing is downloaded for a checkpoint whose signature did not verify.
    expect(fetched).toEqual([]);
  });

  it('shows a credit at once, its receipt null until it is sealed, then the receipt', async () => {
    const { AuditIntegrator } = await import('../../src/audit/services/audit-integrator');
    const integrator = env.worker!.get(AuditIntegrator);
    await integrator.onApplicationShutdown();
    try {
      // Read (and so cached) before the credit, with no checkpoint signed in between: the page
      // after it must still show the new balance and record.
      const before = await page();
      await env.push(env.operators.metro, metroRide('r-3', 'mei', { minutesAgo: 30 })).expect(202);
      await env.processed();
      const after = await page();
      expect(BigInt(after.points.balance) - BigInt(before.points.balance)).toBe(57n);
      expect(after.checkpoint).toBe(before.checkpoint);
      const [newest, older] = after.history;
      expect([newest.eventId, newest.status, newest.receipt]).toEqual(['r-3', 'credited', null]);
      expect(older.receipt).not.toBeNull();
    } finally {
      await integrator.onApplicationBootstrap();
    }
    const { checkpoint, history } = await receipted();
    expect(await check(history[0].receipt!, checkpoint!, await env.auditKeys())).toMatchObject({
      ok: true,
    });
  });
});
