/**
 * Every record in a resident's history carries a receipt the mini-program can check on its own:
 * the leaf, its inclusion proof and the signed checkpoint, verified by @tanlian/sdk against the
 * log key pinned in the app. Real MariaDB, Redis, api and worker (integrator).
 */
import {
  decodeBase64,
  publicKeyFromSecret,
  sha256LogHash,
  verifyReceipt,
  type NoteVerifierKey,
} from '@tanlian/sdk';
import { randomBytes } from 'node:crypto';
import { ResidentSessionsService } from '../../src/residents/services/resident-sessions.service';
import { EarnEnv, metroRide } from '../support/earn-env';

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
  leafData: string;
  inclusionProof: string[];
  checkpoint: string;
}
interface HistoryItem {
  reference: string;
  eventId: string;
  status: string;
  points: string | null;
  receipt: Receipt | null;
}

async function history(): Promise<HistoryItem[]> {
  const res = await env.api
    .http()
    .get(`/v1/programs/${env.program.code}/residents/me/account`)
    .set('authorization', `Bearer ${token}`)
    .expect(200);
  return res.body.history;
}

/** Polls the account until every record has a receipt (the promise: sealed within 10 s). */
async function receipted(timeoutMs = 10_000): Promise<HistoryItem[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const items = await history();
    if (items.every((i) => i.receipt !== null)) return items;
    if (Date.now() > deadline) throw new Error(`records without a receipt after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function check(receipt: Receipt, trustedKeys: NoteVerifierKey[], leafData = receipt.leafData) {
  return verifyReceipt({
    hash: sha256LogHash,
    leafIndex: receipt.leafIndex,
    leafData: decodeBase64(leafData)!,
    inclusionProof: receipt.inclusionProof.map((p) => decodeBase64(p)!),
    checkpointNote: receipt.checkpoint,
    trustedKeys,
    origin: 'tanlian.local/shenzhen/sha256', // the default AUDIT_ORIGIN_PREFIX, pinned with the key
  });
}

describe('receipts in the resident history', () => {
  it('gives each credited record a receipt that verifies against the pinned log key', async () => {
    // 100 m earns 4.67 g: a reduction without points, recorded by a leaf of its own.
    await env
      .push(env.operators.metro, metroRide('r-1', 'mei', { minutesAgo: 120, distanceM: 100 }))
      .expect(202);
    await env.processed();
    // 576.511 g + the 4.67 g carried over: 58 points, a ledger transaction's leaf.
    await env.push(env.operators.metro, metroRide('r-2', 'mei', { minutesAgo: 60 })).expect(202);
    await env.processed();

    const items = await receipted();
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
    for (const item of items) {
      const receipt = item.receipt!;
      const result = check(receipt, keys);
      expect(result).toMatchObject({ ok: true });
      // The leaf is this record's resident entry (format 2): a day, a tag and a commitment in
      // public; which event it is sits in the private part beside it.
      const data = decodeBase64(receipt.leafData)!;
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

  it('fails verification when the leaf, the proof or the key is not the log’s', async () => {
    const [item] = await receipted();
    const receipt = item.receipt!;
    const keys = await env.auditKeys();

    const leaf = decodeBase64(receipt.leafData)!;
    leaf[leaf.length - 2] ^= 1;
    const forgedLeaf = Buffer.from(leaf).toString('base64');
    expect(check(receipt, keys, forgedLeaf)).toMatchObject({ ok: false, step: 'inclusion' });

    const shifted = { ...receipt, leafIndex: receipt.leafIndex + 1 };
    expect(check(shifted, keys)).toMatchObject({ ok: false });

    const stranger = { name: keys[0].name, publicKey: publicKeyFromSecret(randomBytes(32)) };
    expect(check(receipt, [stranger])).toMatchObject({ ok: false, step: 'signature' });
    expect(check(receipt, [])).toMatchObject({ ok: false, step: 'signature' });
  });

  it('shows no receipt for a record still waiting to be sealed, then one once it is', async () => {
    const { AuditIntegrator } = await import('../../src/audit/services/audit-integrator');
    const integrator = env.worker!.get(AuditIntegrator);
    await integrator.onApplicationShutdown();
    try {
      await env.push(env.operators.metro, metroRide('r-3', 'mei', { minutesAgo: 30 })).expect(202);
      await env.processed();
      const [newest] = await history();
      expect([newest.status, newest.receipt]).toEqual(['credited', null]);
    } finally {
      await integrator.onApplicationBootstrap();
    }
    const [sealed] = await receipted();
    expect(check(sealed.receipt!, await env.auditKeys())).toMatchObject({ ok: true });
  });
});
