/**
 * The invariants of the points behind a cleared cycle (issue 13's I4, I5, I6, I9) in `ledger:check
 * --cycle` (CycleCheck): they hold after holds, captures, a refund, a void and an open hold across
 * two issuers' lots, and each fails, naming its row, once the rows are tampered: a balance moved
 * (I4), a captured hold marked voided and an open one marked expired (I5), a lot below zero now or
 * only in its history (I6), an allocation rewritten onto a newer lot (I9). Real MariaDB, Redis,
 * api and worker.
 */
import { CycleCheck } from '../../src/clearing/services/cycle-check';
import { ResidentSessionsService } from '../../src/residents/services/resident-sessions.service';
import { ApiKeysService } from '../../src/tenancy/services/api-keys.service';
import { StaffUsersService } from '../../src/tenancy/services/staff-users.service';
import { EarnEnv, metroRide } from '../support/earn-env';
import { seedMerchant } from '../support/tenancy-fixtures';
import { clearedCycle, Redeeming } from '../support/redeeming';
import { bearer } from '../support/test-app';

let env: EarnEnv;
let meiId: number;
let mei: string;
let admin: string;
let cafe: Redeeming;
const ids: Record<'captured' | 'voided' | 'open', string> = {} as never;
const lots: Record<'metro' | 'mapApp', { id: number; expiresOn: string }> = {} as never;

const check = () => env.worker!.get(CycleCheck).run(env.program, 1);

async function lotOf(issuerId: number) {
  const [row]: { id: string; expires_on: string }[] = await env.db.query(
    `SELECT id, DATE_FORMAT(expires_on, '%Y-%m-%d') AS expires_on FROM ledger_accounts
      WHERE program_id = ? AND kind = 'resident' AND owner_id = ? AND issuer_id = ?`,
    [env.program.id, meiId, issuerId],
  );
  return { id: Number(row.id), expiresOn: row.expires_on };
}

/** Runs `tamper`, expects the check to fail with `failure`, undoes it and expects it to pass. */
async function failsWhile(tamper: () => Promise<void>, undo: () => Promise<void>, failure: string) {
  await tamper();
  try {
    expect((await check()).failure).toBe(failure);
  } finally {
    await undo();
  }
  expect(await check()).toMatchObject({ ok: true });
}

beforeAll(async () => {
  env = await EarnEnv.start('harden_cycle_invariants');
  await env.startWorker();
  meiId = await env.bindResident('wx-mei', env.operators.metro, 'mei');
  await env.bindResidentTo(meiId, env.operators.mapApp, 'mei-map');
  const ride = { distanceM: 40_000 };
  await env
    .push(env.operators.metro, metroRide('m-1', 'mei', { ...ride, minutesAgo: 300 }))
    .expect(202);
  await env
    .push(env.operators.mapApp, metroRide('p-1', 'mei-map', { ...ride, minutesAgo: 100 }))
    .expect(202);
  await env.processed();
  // Metro's lot made a month older than map-app's (both were credited this month), before any
  // hold: the resident now has two lots that FIFO orders.
  await env.db.query(
    `UPDATE ledger_accounts SET expires_on = expires_on - INTERVAL 1 MONTH
      WHERE program_id = ? AND kind = 'resident' AND owner_id = ? AND issuer_id = ?`,
    [env.program.id, meiId, env.operators.metro.participant.id],
  );
  lots.metro = await lotOf(env.operators.metro.participant.id);
  lots.mapApp = await lotOf(env.operators.mapApp.participant.id);
  mei = (await env.api.app.get(ResidentSessionsService).open(meiId)).token;
  cafe = new Redeeming(env, mei, {
    code: 'cafe',
    token: (await seedMerchant(env.api.app, env.program, 'cafe')).token,
  });
  const staff = env.api.app.get(StaffUsersService);
  admin = (
    await env.api.app.get(ApiKeysService).issueForStaff(await staff.createAdmin('admin'), 'tests')
  ).token;

  ids.captured = await cafe.capture(5);
  await cafe.act(ids.captured, 'refunds', { refundId: 'r-1', points: 2 });
  ids.voided = await cafe.hold(3);
  await cafe.act(ids.voided, 'void');
  ids.open = await cafe.hold(4);
  await env.api
    .http()
    .post(`/v1/programs/${env.program.code}/clearing/cycles/close`)
    .set(bearer(admin))
    .set('idempotency-key', 'close-1')
    .expect(200);
  await clearedCycle(env, 1);
});
afterAll(() => env.stop());

it('checks I4, I5, I6 and I9 of a cleared cycle, and they hold', async () => {
  // The fixture: every hold came from metro's older lot, which has points left after each.
  const [left]: { balance: string }[] = await env.db.query(
    'SELECT balance FROM ledger_accounts WHERE id = ?',
    [lots.metro.id],
  );
  expect(Number(left.balance)).toBeGreaterThan(0);
  const result = await check();
  expect(result).toMatchObject({ ok: true, failure: null });
  const lines = result.checked.join('\n');
  for (const i of ['I1', 'I2', 'I3', 'I4', 'I5', 'I6', 'I7', 'I8', 'I9'])
    expect(lines).toMatch(new RegExp(`^${i} `, 'm'));
  expect(lines).toContain('I5 no hold both captured and voided; 4 points pending = open holds');
  expect(lines).toContain('I4 2 issuers:');
});

it('I4: names the issuer whose points no longer add up', async () => {
  const metro = env.operators.metro.participant.id;
  const move = (by: number) =>
    env.db.query(
      `UPDATE ledger_accounts SET balance = balance + ? WHERE program_id = ? AND issuer_id = ?
          AND kind = 'issuer_cancelled'`,
      [by, env.program.id, metro],
    );
  const [issued]: { n: string }[] = await env.db.query(
    `SELECT SUM(p.amount) AS n FROM ledger_transactions t
       JOIN ledger_postings p ON p.transaction_id = t.id
       JOIN ledger_accounts a ON a.id = p.account_id AND a.kind = 'resident'
      WHERE t.program_id = ? AND t.kind = 'issuance' AND a.issuer_id = ?`,
    [env.program.id, metro],
  );
  const n = Number(issued.n);
  // Metro issued n: 12 held, 4 still held, 3 came back voided, 2 refunded; 3 cleared (5 − 2).
  await failsWhile(
    () => move(1),
    () => move(-1),
    `I4: metro issued ${n} points, but lots ${n - 7} + pending 4 + uncleared 0 + cancelled 4 + expired 0 = ${n + 1}`,
  );
});

it('I5: names a hold both captured and voided, and the open holds the held accounts disagree with', async () => {
  const status = (id: string, s: string) =>
    env.db.query('UPDATE redemptions SET status = ? WHERE public_id = ?', [s, id]);
  await failsWhile(
    () => status(ids.captured, 'voided'),
    () => status(ids.captured, 'partially_refunded'),
    `I5: ${ids.captured} is voided with 5 points captured and a capture in the ledger`,
  );
  await failsWhile(
    () => status(ids.voided, 'captured'),
    () => status(ids.voided, 'voided'),
    `I5: ${ids.voided} is captured with no capture in the ledger`,
  );
  await failsWhile(
    () => status(ids.open, 'expired'),
    () => status(ids.open, 'held'),
    "I5: residents' held accounts hold 4 points, the open holds 0",
  );
});

it('I6: names a lot below zero, and an allocation that gave back more than it took', async () => {
  const runner = env.db.createQueryRunner();
  try {
    // The table's CHECK refuses a negative lot: only a session that turns it off can tamper.
    await runner.query('SET SESSION check_constraint_checks = 0');
    const [row]: { balance: string }[] = await runner.query(
      'SELECT balance FROM ledger_accounts WHERE id = ?',
      [lots.metro.id],
    );
    await failsWhile(
      () => runner.query('UPDATE ledger_accounts SET balance = -1 WHERE id = ?', [lots.metro.id]),
      () =>
        runner.query('UPDATE ledger_accounts SET balance = ? WHERE id = ?', [
          row.balance,
          lots.metro.id,
        ]),
      `I6: ledger account ${lots.metro.id} (resident of resident ${meiId}, lot ${lots.metro.expiresOn}) is at -1`,
    );
  } finally {
    await runner.release();
  }
  const refunded = (n: number) =>
    env.db.query(
      `UPDATE redemption_allocations a JOIN redemptions r ON r.id = a.redemption_id
          SET a.refunded_points = ? WHERE r.public_id = ?`,
      [n, ids.captured],
    );
  await failsWhile(
    () => refunded(6),
    () => refunded(2),
    `I6: ${ids.captured}'s allocation of lot ${lots.metro.id} took more than it held or gave back more than it took`,
  );
});

it('I9: names a hold whose allocation says it took a newer lot while an older one had points', async () => {
  const rewrite = (lot: { id: number; expiresOn: string }, issuerId: number) =>
    env.db.query(
      `UPDATE redemption_allocations a JOIN redemptions r ON r.id = a.redemption_id
          SET a.lot_account_id = ?, a.expires_on = ?, a.issuer_id = ? WHERE r.public_id = ?`,
      [lot.id, lot.expiresOn, issuerId, ids.voided],
    );
  const [after]: { n: string }[] = await env.db.query(
    `SELECT SUM(p.amount) AS n FROM ledger_postings p
      WHERE p.account_id = ? AND p.transaction_id <= (SELECT id FROM ledger_transactions
        WHERE program_id = ? AND reference = CONCAT('hold:', ?))`,
    [lots.metro.id, env.program.id, ids.voided],
  );
  await failsWhile(
    () => rewrite(lots.mapApp, env.operators.mapApp.participant.id),
    () => rewrite(lots.metro, env.operators.metro.participant.id),
    `I9: ${ids.voided} took lot ${lots.mapApp.id} (expires ${lots.mapApp.expiresOn}) while lot ${lots.metro.id} (expires ${lots.metro.expiresOn}) still had ${after.n} points`,
  );
});

it('I6: names a lot that went below zero only in its history (balanced postings the ledger check passes)', async () => {
  // Postings are append-only, so this tamper stays: last in the file. Two balanced transactions
  // take 1,000,000 points out of the lot and put them back: every balance and sum still agrees.
  const mint: { id: string }[] = await env.db.query(
    `SELECT id FROM ledger_accounts WHERE program_id = ? AND issuer_id = ? AND kind = 'issuer_mint'`,
    [env.program.id, env.operators.metro.participant.id],
  );
  let first = 0;
  for (const [i, amount] of [-1_000_000, 1_000_000].entries()) {
    const tx = await env.db.query(
      `INSERT INTO ledger_transactions (program_id, kind, reference, created_at)
       VALUES (?, 'issuance', ?, NOW(3))`,
      [env.program.id, `tamper:${i}`],
    );
    if (i === 0) first = Number(tx.insertId);
    await env.db.query(
      'INSERT INTO ledger_postings (transaction_id, account_id, amount) VALUES (?, ?, ?), (?, ?, ?)',
      [tx.insertId, lots.metro.id, amount, tx.insertId, mint[0].id, -amount],
    );
  }
  const [balance]: { balance: string }[] = await env.db.query(
    'SELECT balance FROM ledger_accounts WHERE id = ?',
    [lots.metro.id],
  );
  expect((await check()).failure).toBe(
    `I6: ledger account ${lots.metro.id} went to ${Number(balance.balance) - 1_000_000} at ledger transaction ${first}`,
  );
});
