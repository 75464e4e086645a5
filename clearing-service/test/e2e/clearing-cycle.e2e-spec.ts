/**
 * A program's clearing cycle end to end (src/clearing/README.md): captures and refunds stamped
 * with the OPEN cycle; a close through the API (idempotent) and the worker's aggregation, netting
 * and 注销 with every file stored whole; positions that sum to zero; each participant's files and
 * no one else's; a refund of a cleared capture reinstating points in the next cycle; confirmations
 * that settle the cycle; an empty cycle that settles at once; steps run again doing nothing. Real
 * MariaDB, Redis, api (listening) and worker.
 */
import { HttpAuditLogSource, verifyAuditLog } from '@tanlian/sdk';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { CycleCheck } from '../../src/clearing/services/cycle-check';
import { CycleSteps } from '../../src/clearing/services/cycle-steps';
import { LedgerCheck } from '../../src/invariants/ledger-check';
import { ResidentSessionsService } from '../../src/residents/services/resident-sessions.service';
import { ApiKeysService } from '../../src/tenancy/services/api-keys.service';
import { StaffUsersService } from '../../src/tenancy/services/staff-users.service';
import { EarnEnv, metroRide } from '../support/earn-env';
import { seedMerchant } from '../support/tenancy-fixtures';
import { bearer } from '../support/test-app';

let env: EarnEnv;
let url: string;
let mei: string;
let admin: string;
let bureau: string;
const merchants: Record<'cafe' | 'books', { token: string; id: number }> = {} as never;
let keys = 0;

beforeAll(async () => {
  env = await EarnEnv.start('clearing', { AUDIT_INTEGRATE_INTERVAL_MS: '100' });
  await env.api.app.listen(0, '127.0.0.1');
  url = `http://127.0.0.1:${(env.api.app.getHttpServer().address() as AddressInfo).port}`;
  await env.startWorker();
  const meiId = await env.bindResident('wx-mei', env.operators.metro, 'mei');
  await env.push(env.operators.metro, metroRide('m-1', 'mei', { minutesAgo: 300 })).expect(202);
  await env.push(env.operators.metro, metroRide('m-2', 'mei', { minutesAgo: 200 })).expect(202);
  await env.processed();
  mei = (await env.api.app.get(ResidentSessionsService).open(meiId)).token;
  for (const code of ['cafe', 'books'] as const) {
    const seeded = await seedMerchant(env.api.app, env.program, code);
    merchants[code] = { token: seeded.token, id: seeded.merchant.id };
  }
  const staff = env.api.app.get(StaffUsersService);
  const apiKeys = env.api.app.get(ApiKeysService);
  admin = (await apiKeys.issueForStaff(await staff.createAdmin('admin'), 'tests')).token;
  bureau = (
    await apiKeys.issueForStaff(await staff.createBureauUser(env.program.id, 'bureau'), 'tests')
  ).token;
});
afterAll(() => env.stop());

const base = () => `/v1/programs/${env.program.code}`;
const http = () => env.api.http();

async function capture(merchant: 'cafe' | 'books', points: number, order: string) {
  const code = await http()
    .post(`${base()}/residents/me/redemption-codes`)
    .set(bearer(mei))
    .send({ merchant })
    .expect(201);
  const path = `${base()}/participants/${merchant}/redemptions`;
  const held = await http()
    .post(path)
    .set(bearer(merchants[merchant].token))
    .set('idempotency-key', `k-${++keys}`)
    .send({ code: code.body.code, points, merchantOrderId: order })
    .expect(201);
  await http()
    .post(`${path}/${held.body.id}/capture`)
    .set(bearer(merchants[merchant].token))
    .set('idempotency-key', `k-${++keys}`)
    .send({})
    .expect(200);
  return held.body.id as string;
}

function refund(merchant: 'cafe' | 'books', id: string, points: number, refundId: string) {
  return http()
    .post(`${base()}/participants/${merchant}/redemptions/${id}/refunds`)
    .set(bearer(merchants[merchant].token))
    .set('idempotency-key', `k-${++keys}`)
    .send({ points, refundId })
    .expect(200);
}

function close(key: string) {
  return http()
    .post(`${base()}/clearing/cycles/close`)
    .set(bearer(admin))
    .set('idempotency-key', key);
}

/** The cycle once the worker has taken it past aggregation and 注销. */
async function cleared(seq: number) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const res = await http()
      .get(`${base()}/clearing/cycles/${seq}`)
      .set(bearer(bureau))
      .expect(200);
    if (['issued', 'settling', 'settled'].includes(res.body.state)) return res.body;
    if (Date.now() > deadline) throw new Error(`cycle ${seq} is still ${res.body.state}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const netOf = (cycle: { positions: { participant: string; netFen: string }[] }, who: string) =>
  cycle.positions.find((p) => p.participant === who)?.netFen;

let cafeFirst: string;

it('stamps captures and refunds with the OPEN cycle and clears it once closed', async () => {
  cafeFirst = await capture('cafe', 10, 'order-1');
  await capture('cafe', 5, 'order-2, with a comma');
  await capture('books', 7, 'b-1');
  await refund('cafe', cafeFirst, 2, 'r-1');
  const settings = await http().get(`${base()}/clearing/settings`).set(bearer(bureau)).expect(200);
  expect(settings.body).toMatchObject({
    settlementCycle: 'daily',
    cutoffLocalTime: '00:00',
    timeZone: 'Asia/Shanghai',
    openCycle: { sequence: 1 },
  });

  const closed = await close('close-1').expect(200);
  expect(closed.body).toMatchObject({ sequence: 1, state: 'closed', fenPerPoint: 1 });
  // The same key again is the same close: no second cycle closed.
  const again = await close('close-1').expect(200);
  expect(again.headers['idempotent-replayed']).toBe('true');
  expect(again.body).toEqual(closed.body);

  const cycle = await cleared(1);
  expect(cycle.state).toBe('issued');
  // cafe: 15 captured − 2 refunded; books 7; metro pays both. 1 fen a point, no fee.
  expect(netOf(cycle, 'cafe')).toBe('13');
  expect(netOf(cycle, 'books')).toBe('7');
  expect(netOf(cycle, 'metro')).toBe('-20');
  const sum = cycle.positions.reduce(
    (s: bigint, p: { netFen: string }) => s + BigInt(p.netFen),
    0n,
  );
  expect(sum).toBe(0n);
  // A capture after the close belongs to the next cycle.
  await capture('books', 3, 'b-2');
  expect(
    (await http().get(`${base()}/clearing/cycles/2`).set(bearer(bureau)).expect(200)).body.state,
  ).toBe('open');
});

it("gives each merchant its reconciliation file, whole, naming no resident, and no one else's", async () => {
  const mine = await http()
    .get(`${base()}/participants/cafe/clearing/cycles/1`)
    .set(bearer(merchants.cafe.token))
    .expect(200);
  expect(mine.body.positions.map((p: { participant: string }) => p.participant)).toEqual(['cafe']);
  const kinds = mine.body.files.map(
    (f: { kind: string; format: string }) => `${f.kind}.${f.format}`,
  );
  expect(kinds.sort()).toEqual([
    'reconciliation.csv',
    'statement.csv',
    'statement.json',
    'statement.xml',
  ]);
  const file = mine.body.files.find((f: { kind: string }) => f.kind === 'reconciliation');
  const res = await http()
    .get(`${base()}/participants/cafe/clearing/cycles/1/files/${file.id}`)
    .set(bearer(merchants.cafe.token))
    .buffer(true)
    .parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    })
    .expect(200);
  const bytes = res.body as Buffer;
  expect(createHash('sha256').update(bytes).digest('hex')).toBe(file.sha256);
  expect(res.headers['x-content-sha256']).toBe(file.sha256);
  const text = bytes.toString('utf8');
  const lines = text.trimEnd().split('\n');
  const details = lines.filter((l) => /^(CAPTURE|REFUND),/.test(l));
  expect(details).toHaveLength(3);
  expect(text).toContain('"order-2, with a comma"');
  const [tag, count, points, netFen, hash] = lines[lines.length - 1].split(',');
  expect({ tag, count, points, netFen }).toEqual({
    tag: 'END',
    count: '3',
    points: '13',
    netFen: '13',
  });
  const body = text.slice(0, text.lastIndexOf('END,'));
  expect(createHash('sha256').update(body).digest('hex')).toBe(hash);
  expect(text).toContain('SUMMARY,metro,2,15,1,2,13,13,0,13');
  // No resident identifier of any kind: merchants comparing files could link a resident.
  expect(text).not.toMatch(/mei|wx-|r_[0-9a-f]/);

  // Another merchant reaches neither cafe's cycle view nor its file.
  await http()
    .get(`${base()}/participants/cafe/clearing/cycles/1`)
    .set(bearer(merchants.books.token))
    .expect(404);
  const theirs = await http()
    .get(`${base()}/participants/books/clearing/cycles/1/files/${file.id}`)
    .set(bearer(merchants.books.token))
    .expect(404);
  expect(theirs.body.code).toBe('cycle_file_not_found');
});

it('cancels the cleared points (注销) and reinstates what a later refund gives back', async () => {
  const cancelled = async () => {
    const [row]: { balance: string }[] = await env.db.query(
      `SELECT balance FROM ledger_accounts WHERE program_id = ? AND kind = 'issuer_cancelled'`,
      [env.program.id],
    );
    return Number(row?.balance ?? 0);
  };
  expect(await cancelled()).toBe(20);
  // A refund in cycle 2 of a capture cycle 1 cleared: cafe owes metro back.
  await refund('cafe', cafeFirst, 4, 'r-2');
  await close('close-2').expect(200);
  const cycle = await cleared(2);
  expect(netOf(cycle, 'cafe')).toBe('-4');
  expect(netOf(cycle, 'books')).toBe('3');
  expect(netOf(cycle, 'metro')).toBe('1');
  expect(await cancelled()).toBe(19);
  const report = cycle.files.find((f: { kind: string }) => f.kind === 'cancellation_report');
  const downloaded = await http()
    .get(`${base()}/clearing/cycles/2/files/${report.id}`)
    .set(bearer(bureau))
    .expect(200);
  const parsed = JSON.parse(
    typeof downloaded.body === 'object' && !Buffer.isBuffer(downloaded.body)
      ? JSON.stringify(downloaded.body)
      : String(downloaded.text),
  );
  expect(parsed.cancellationReport).toMatchObject({
    issuer: 'metro',
    cancelledPoints: '3',
    reinstatedPoints: '4',
    netPoints: '-1',
  });
  expect(await new LedgerCheck(env.db).run(env.program.code)).toMatchObject({ ok: true });
});

it('settles a cycle once every participant has confirmed its payment', async () => {
  const confirm = (
    who: 'cafe' | 'books' | 'metro',
    token: string,
    amountFen: string,
    key: string,
  ) =>
    http()
      .post(`${base()}/participants/${who}/clearing/cycles/1/confirmation`)
      .set(bearer(token))
      .set('idempotency-key', key)
      .send({ bankReference: `BANK-${who}`, amountFen });
  const wrong = await confirm('cafe', merchants.cafe.token, '12', 'c-1').expect(422);
  expect(wrong.body.errors).toEqual([
    { field: 'amountFen', reason: "must be the instruction's amount, 13 fen" },
  ]);
  const ok = await confirm('cafe', merchants.cafe.token, '13', 'c-2').expect(200);
  expect(ok.body).toMatchObject({
    state: 'settling',
    positions: [{ participant: 'cafe', bankReference: 'BANK-cafe' }],
  });
  expect((await confirm('cafe', merchants.cafe.token, '13', 'c-3').expect(409)).body.code).toBe(
    'settlement_already_confirmed',
  );
  await confirm('books', merchants.books.token, '7', 'c-4').expect(200);
  const last = await confirm('metro', admin, '20', 'c-5').expect(200);
  expect(last.body.state).toBe('settled');
});

it('settles an empty cycle at once, and does nothing when a step runs again', async () => {
  await close('close-3').expect(200);
  expect((await cleared(3)).state).toBe('settled');
  const files = async () =>
    Number((await env.db.query('SELECT COUNT(*) AS n FROM clearing_files'))[0].n);
  const leaves = await env.auditHead();
  const before = await files();
  const steps = env.worker!.get(CycleSteps);
  for (const seq of [1, 2, 3]) {
    expect(await steps.aggregate(env.program, seq)).toBe(false);
    expect(await steps.issue(env.program, seq)).toBe(false);
  }
  expect(await files()).toBe(before);
  expect(await env.auditHead()).toBe(leaves);
});

it('lists the cycles each participant is cleared in, newest first by cursor, and only its own', async () => {
  const list = (who: 'cafe' | 'books', token: string, query = '') =>
    http().get(`${base()}/participants/${who}/clearing/cycles${query}`).set(bearer(token));
  const seqs = (body: { cycles: { sequence: number }[] }) => body.cycles.map((c) => c.sequence);
  // Cycle 3 was empty: no position of cafe's, so not listed.
  const all = await list('cafe', merchants.cafe.token).expect(200);
  expect(seqs(all.body)).toEqual([2, 1]);
  expect(all.body.next).toBeNull();
  const first = await list('cafe', merchants.cafe.token, '?limit=1').expect(200);
  expect(seqs(first.body)).toEqual([2]);
  const second = await list('cafe', merchants.cafe.token, `?limit=1&before=${first.body.next}`);
  expect(seqs(second.body)).toEqual([1]);
  expect(second.body.next).toBeNull();
  expect(seqs((await list('books', merchants.books.token).expect(200)).body)).toEqual([2, 1]);
  // Another merchant's list is not books' to read; bad paging names its field.
  await list('cafe', merchants.books.token).expect(404);
  const bad = await list('cafe', merchants.cafe.token, '?before=x').expect(422);
  expect(bad.body.errors[0].field).toBe('before');
});

it('checks each cycle on demand (ledger:check --cycle), and names a file changed after its issue', async () => {
  const check = env.worker!.get(CycleCheck);
  for (const seq of [1, 2, 3]) {
    const result = await check.run(env.program, seq);
    expect(result).toMatchObject({ ok: true, failure: null });
  }
  const first = await check.run(env.program, 1);
  expect(first.checked.join('\n')).toMatch(/I8 \d+ files made again/);
  // cafe's figures are its reconciliation file's END trailer (END,3,13,13 above).
  expect(first.merchants.find((m) => m.merchant === 'cafe')).toEqual({
    merchant: 'cafe',
    lines: 3,
    points: '13',
    netFen: '13',
  });
  const [file]: { id: string; name: string }[] = await env.db.query(
    `SELECT f.id, f.name FROM clearing_files f JOIN clearing_cycles c ON c.id = f.cycle_id
      WHERE c.program_id = ? AND c.seq = 1 AND f.kind = 'reconciliation' ORDER BY f.id LIMIT 1`,
    [env.program.id],
  );
  await env.db.query(`UPDATE clearing_files SET content = CONCAT(content, 'x') WHERE id = ?`, [
    file.id,
  ]);
  try {
    expect((await check.run(env.program, 1)).failure).toBe(
      `I3: ${file.name}'s bytes do not hash to its stored SHA-256`,
    );
  } finally {
    await env.db.query(
      `UPDATE clearing_files SET content = LEFT(content, LENGTH(content) - 1) WHERE id = ?`,
      [file.id],
    );
  }
  expect((await check.run(env.program, 1)).ok).toBe(true);
});

it('leaves a log that verifies for anyone, the cancellations and file hashes included', async () => {
  await env.sealed();
  const source = new HttpAuditLogSource({ url, program: env.program.code });
  expect(await verifyAuditLog(source, { program: env.program.code })).toMatchObject({ ok: true });
  const [row]: { n: string }[] = await env.db.query(
    `SELECT COUNT(*) AS n FROM audit_leaves WHERE program_id = ? AND kind = 'clearing_file'`,
    [env.program.id],
  );
  expect(Number(row.n)).toBeGreaterThan(0);
});
