/**
 * What an independent verifier reads besides leaves and proofs: the history of signed checkpoints
 * and the service's balances as of a tree size; and the sealing lag on /metrics. Real MariaDB,
 * Redis and the worker's integrator.
 */
import {
  decodeBase64,
  parseCheckpoint,
  parseVerifierKey,
  verifyNote,
  type AuditAccountBalance,
  type NoteVerifierKey,
} from '@tanlian/sdk';
import { AuditIntegrator } from '../../src/audit/services/audit-integrator';
import { FundingService } from '../../src/funding/services/funding.service';
import { EarnEnv, metroRide } from '../support/earn-env';

let env: EarnEnv;

beforeAll(async () => {
  env = await EarnEnv.start('audit-history', {
    AUDIT_INTEGRATE_INTERVAL_MS: '150',
    AUDIT_ORIGIN_PREFIX: 'tanlian.test',
  });
  await env.startWorker();
});
afterAll(() => env.stop());

const base = () => `/v1/programs/${env.program.code}/audit`;
const get = (path: string) => env.api.http().get(`${base()}/${path}`);

const topUp = (points: number, reference: string) =>
  env.api.app
    .get(FundingService)
    .topUp(env.program, env.operators.bike.participant, { points, reference });

async function balances(
  query = '',
): Promise<{ treeSize: number; accounts: AuditAccountBalance[] }> {
  const res = await get(`balances${query}`).expect(200);
  return res.body;
}

/** The bike operator's two accounts (mint and prepaid block) as the balances view shows them. */
async function bikeAccounts(query = '') {
  const view = await balances(query);
  const bike = view.accounts.filter((a) => a.asset === 'points:bike');
  const of = (kind: string) => {
    const a = bike.find((b) => b.kind === kind)!;
    return { balance: a.balance, posted: a.posted };
  };
  return { treeSize: view.treeSize, mint: of('issuer_mint'), block: of('issuer_block') };
}

/** Metric value of a series with the shenzhen label, from the api's /metrics. */
async function metric(name: string): Promise<number> {
  const res = await env.api.http().get('/metrics').expect(200);
  const line = res.text
    .split('\n')
    .find((l) => l.startsWith(`${name}{program="${env.program.code}"} `));
  if (!line) throw new Error(`${name} not on /metrics`);
  return Number(line.split(' ')[1]);
}

describe('balances as of a tree size', () => {
  let s1: number;
  let s2: number;

  it('reports each account’s balance and postings at two sizes, by hand: 100, then 100 + 250', async () => {
    // A resident account too (owner and expiry in the leaves), before the hand-checked top-ups.
    await env.bindResident('wx-history-1', env.operators.metro, 'history-1');
    await env.push(env.operators.metro, metroRide('history-ride-1', 'history-1')).expect(202);
    await env.processed();
    // Sealed on its own: the history below has three checkpoints however the integrator's timer
    // falls (the ride's, s1 and s2).
    await env.sealed();
    await topUp(100, 'tu-1');
    s1 = await env.sealed();
    await topUp(250, 'tu-2');
    s2 = await env.sealed();
    expect(s2).toBe(s1 + 1);

    expect(await bikeAccounts(`?size=${s1}`)).toEqual({
      treeSize: s1,
      mint: { balance: '-100', posted: '-100' },
      block: { balance: '100', posted: '100' },
    });
    expect(await bikeAccounts()).toEqual({
      treeSize: s2,
      mint: { balance: '-350', posted: '-350' },
      block: { balance: '350', posted: '350' },
    });
    // Before the first top-up the accounts report nothing yet.
    expect(await bikeAccounts(`?size=${s1 - 1}`)).toMatchObject({
      mint: { balance: '0', posted: '0' },
      block: { balance: '0', posted: '0' },
    });
  });

  it('shows every public account exactly as the leaves do, residents pooled, with balances equal to a replay', async () => {
    const size = await env.signedSize();
    const res = await get(`leaves?start=0&end=${size}`).expect(200);
    const keyOf = (a: {
      kind: string;
      asset: string;
      owner: string | null;
      expiresOn: string | null;
    }) => [a.kind, a.asset, a.owner ?? '', a.expiresOn ?? ''].join('|');
    const replay = new Map<string, { fields: object; sum: bigint }>();
    for (const leaf of res.body.leaves) {
      const data = Buffer.from(decodeBase64(leaf.data)!);
      expect(data[0]).toBe(2);
      const body = JSON.parse(data.subarray(1).toString('utf8'));
      for (const p of body.transaction?.postings ?? []) {
        const { amount, ...fields } = p;
        // Format 2 names no account by id, and no resident at all.
        expect(Object.keys(fields).sort()).toEqual(['asset', 'expiresOn', 'kind', 'owner']);
        if (fields.kind === 'resident') expect(fields.owner).toBeNull();
        const seen = replay.get(keyOf(fields)) ?? { fields, sum: 0n };
        replay.set(keyOf(fields), { fields, sum: seen.sum + BigInt(amount) });
      }
    }
    const view = await balances();
    expect(view.treeSize).toBe(size);
    expect(view.accounts.map(keyOf).sort()).toEqual([...replay.keys()].sort());
    for (const { balance, posted, ...fields } of view.accounts) {
      expect(fields).toEqual(replay.get(keyOf(fields))!.fields);
      expect([balance, posted]).toEqual([
        String(replay.get(keyOf(fields))!.sum),
        String(replay.get(keyOf(fields))!.sum),
      ]);
    }
    const pool = view.accounts.find((a) => a.kind === 'resident')!;
    expect(pool.owner).toBeNull();
    expect(pool.expiresOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(pool.asset).toBe('points:metro');
  });

  it('pages the public accounts in order', async () => {
    const all = (await balances()).accounts;
    const seen: AuditAccountBalance[] = [];
    let after = 0;
    for (;;) {
      const res = await get(`balances?limit=1&after=${after}`).expect(200);
      seen.push(...res.body.accounts);
      if (res.body.next === null) break;
      after = res.body.next;
    }
    expect(seen).toEqual(all);
  });

  it('lays a tampered cached balance or posting open: it differs from the leaves', async () => {
    const [block] = await env.db.query(
      "SELECT id FROM ledger_accounts WHERE program_id = ? AND kind = 'issuer_block'",
      [env.program.id],
    );
    await env.db.query('UPDATE ledger_accounts SET balance = balance + 7 WHERE id = ?', [block.id]);
    try {
      expect((await bikeAccounts()).block).toEqual({ balance: '357', posted: '350' });
    } finally {
      await env.db.query('UPDATE ledger_accounts SET balance = balance - 7 WHERE id = ?', [
        block.id,
      ]);
    }
    // A posting added behind the log’s back (its leaf does not show it), cached balance too: `posted` and
    // `balance` both move away from the leaves' 350.
    const [tx] = await env.db.query(
      "SELECT ref_id FROM audit_leaves WHERE program_id = ? AND kind = 'ledger_transaction' ORDER BY leaf_index DESC LIMIT 1",
      [env.program.id],
    );
    await env.db.query(
      'INSERT INTO ledger_postings (transaction_id, account_id, amount) VALUES (?, ?, 5)',
      [tx.ref_id, block.id],
    );
    await env.db.query('UPDATE ledger_accounts SET balance = balance + 5 WHERE id = ?', [block.id]);
    expect((await bikeAccounts()).block).toEqual({ balance: '355', posted: '355' });
  });

  it('answers 422 naming the field for a size past the latest checkpoint and bad paging', async () => {
    const size = await env.signedSize();
    for (const [query, field] of [
      [`size=${size + 1}`, 'size'],
      ['size=-1', 'size'],
      ['size=x', 'size'],
      ['limit=0', 'limit'],
      ['limit=1001', 'limit'],
      ['after=1.5', 'after'],
      ['page=2', 'query'],
    ]) {
      const res = await get(`balances?${query}`);
      expect([query, res.status]).toEqual([query, 422]);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    await env.api.http().get('/v1/programs/nowhere/audit/balances').expect(404);
  });
});

describe('checkpoint history', () => {
  async function keys(): Promise<NoteVerifierKey[]> {
    const res = await get('keys').expect(200);
    return res.body.keys.map((k: { vkey: string }) => {
      const parsed = parseVerifierKey(k.vkey);
      if (!parsed.ok) throw new Error(parsed.reason);
      return parsed.key;
    });
  }

  it('lists every signed checkpoint oldest first, each a verifiable note, page by page', async () => {
    const rows: { tree_size: string }[] = await env.db.query(
      'SELECT tree_size FROM audit_checkpoints WHERE program_id = ? ORDER BY tree_size',
      [env.program.id],
    );
    const sizes = rows.map((r) => Number(r.tree_size));
    expect(sizes.length).toBeGreaterThanOrEqual(3);
    const all = await get('checkpoints').expect(200);
    expect(all.body.next).toBeNull();
    expect(all.body.checkpoints.map((c: { treeSize: number }) => c.treeSize)).toEqual(sizes);
    const pinned = await keys();
    for (const c of all.body.checkpoints) {
      const verified = verifyNote(c.note, pinned);
      if (!verified.ok) throw new Error(verified.reason);
      const parsed = parseCheckpoint(verified.body);
      if (!parsed.ok) throw new Error(parsed.reason);
      expect(parsed.checkpoint.size).toBe(c.treeSize);
      expect(Buffer.from(parsed.checkpoint.rootHash).toString('base64')).toBe(c.rootHash);
      expect(c.cosigners).toEqual([]);
      expect(Number.isNaN(Date.parse(c.signedAt))).toBe(false);
    }
    const latest = await get('checkpoint').expect(200);
    expect(all.body.checkpoints.at(-1).note).toBe(latest.text);

    const paged: number[] = [];
    let after = 0;
    for (;;) {
      const res = await get(`checkpoints?limit=2&after=${after}`).expect(200);
      paged.push(...res.body.checkpoints.map((c: { treeSize: number }) => c.treeSize));
      if (res.body.next === null) break;
      after = res.body.next;
    }
    expect(paged).toEqual(sizes);
    const later = await get(`checkpoints?after=${sizes[1]}`).expect(200);
    expect(later.body.checkpoints[0].treeSize).toBe(sizes[2]);

    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=1001', 'limit'],
      ['after=-1', 'after'],
    ]) {
      const res = await get(`checkpoints?${query}`);
      expect([query, res.status]).toEqual([query, 422]);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });
});

describe('sealing lag on /metrics', () => {
  it('shows the age of the oldest unsealed leaf while the integrator is stopped, 0 once it ran', async () => {
    const size = await env.sealed();
    expect(await metric('tanlian_audit_unsealed_age_seconds')).toBe(0);
    expect(await metric('tanlian_audit_checkpoint_size')).toBe(size);

    const integrator = env.worker!.get(AuditIntegrator);
    await integrator.onApplicationShutdown();
    try {
      await topUp(40, 'tu-3');
      await new Promise((r) => setTimeout(r, 400));
      const age = await metric('tanlian_audit_unsealed_age_seconds');
      expect(age).toBeGreaterThanOrEqual(0.35);
      expect(age).toBeLessThan(10);
      expect(await metric('tanlian_audit_checkpoint_size')).toBe(size);
      // Balances default to the signed size: the unsealed top-up is not in them yet.
      expect((await bikeAccounts()).block.posted).toBe('355');
    } finally {
      await integrator.onApplicationBootstrap();
    }
    const after = await env.sealed();
    expect(after).toBe(size + 1);
    expect(await metric('tanlian_audit_unsealed_age_seconds')).toBe(0);
    expect(await metric('tanlian_audit_checkpoint_size')).toBe(after);
    expect((await bikeAccounts()).block).toEqual({ balance: '395', posted: '395' });
  });
});
