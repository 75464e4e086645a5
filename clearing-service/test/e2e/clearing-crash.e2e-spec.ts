/**
 * Crash (issue 13): the built worker (dist/main.worker.js, a process of its own) is SIGKILLed at
 * every fault point of the clearing cycle (src/config/fault-points.ts: before, inside and after
 * close, aggregate and issue, and between two files of the issue) and started again each time;
 * the cycle resumes where it stood. Each kill leaves the state the step's transaction says (a
 * step killed inside it left nothing), no file of a cycle is ever visible before all are, and the
 * cleared cycle has every posting, leaf and file once, with the bytes made again from its rows.
 * Real MariaDB and Redis; the api in this process.
 */
import { CycleCheck } from '../../src/clearing/services/cycle-check';
import { CycleSteps } from '../../src/clearing/services/cycle-steps';
import type { FaultPoint } from '../../src/config/fault-points';
import { LedgerCheck } from '../../src/invariants/ledger-check';
import { ResidentSessionsService } from '../../src/residents/services/resident-sessions.service';
import { ApiKeysService } from '../../src/tenancy/services/api-keys.service';
import { StaffUsersService } from '../../src/tenancy/services/staff-users.service';
import { BuiltProcess } from '../support/built-process';
import { EarnEnv, metroRide } from '../support/earn-env';
import { clearedCycle, cycleState, Redeeming } from '../support/redeeming';
import { seedMerchant } from '../support/tenancy-fixtures';
import { bearer } from '../support/test-app';

jest.setTimeout(300_000);

let env: EarnEnv;
let admin: string;

beforeAll(async () => {
  env = await EarnEnv.start('harden_crash');
  // Crediting needs a worker; this one (in-process) is stopped before any cycle exists.
  await env.startWorker();
  const meiId = await env.bindResident('wx-mei', env.operators.metro, 'mei');
  const kaiId = await env.bindResident('wx-kai', env.operators.mapApp, 'kai');
  await env.push(env.operators.metro, metroRide('m-1', 'mei', { distanceM: 40_000 })).expect(202);
  await env.push(env.operators.mapApp, metroRide('k-1', 'kai', { distanceM: 40_000 })).expect(202);
  await env.processed();
  await env.worker!.close();
  env.worker = null;
  const sessions = env.api.app.get(ResidentSessionsService);
  const mei = (await sessions.open(meiId)).token;
  const kai = (await sessions.open(kaiId)).token;
  const staff = env.api.app.get(StaffUsersService);
  admin = (
    await env.api.app.get(ApiKeysService).issueForStaff(await staff.createAdmin('admin'), 'tests')
  ).token;
  for (const code of ['cafe', 'books']) {
    const { token } = await seedMerchant(env.api.app, env.program, code);
    const [byMei, byKai] = [mei, kai].map((r) => new Redeeming(env, r, { code, token }));
    const first = await byMei.capture(7, `${code}-1`);
    await byKai.capture(4, `${code}-2`);
    await byMei.act(first, 'refunds', { refundId: `${code}-r`, points: 2 });
  }
  // Cycle 1's cut-off passes now: the worker's next tick closes it.
  await env.db.query(
    'UPDATE clearing_cycles SET closes_at = NOW(3) - INTERVAL 1 SECOND WHERE program_id = ? AND seq = 1',
    [env.program.id],
  );
});
afterAll(() => env.stop());

const count = async (sql: string, params: unknown[] = [env.program.id]) =>
  Number((await env.db.query(sql, params))[0].n);
const files = () =>
  count(
    `SELECT COUNT(*) AS n FROM clearing_files f JOIN clearing_cycles c ON c.id = f.cycle_id
      WHERE c.program_id = ? AND c.seq = 1`,
  );
const cancellations = () =>
  count(
    `SELECT COUNT(*) AS n FROM ledger_transactions WHERE program_id = ? AND kind = 'cancellation'`,
  );
const obligations = () =>
  count(
    `SELECT COUNT(*) AS n FROM clearing_obligations o JOIN clearing_cycles c ON c.id = o.cycle_id
      WHERE c.program_id = ? AND c.seq = 1`,
  );

/** The built worker with `fault` armed, until it kills itself there; fails if it never does. */
async function killedAt(fault: FaultPoint): Promise<void> {
  const worker = BuiltProcess.start('main.worker.js', { ...env.api.db.env, TANLIAN_FAULT: fault });
  const exit = new Promise<NodeJS.Signals | null>((resolve) =>
    worker.child.once('exit', (_code, signal) => resolve(signal)),
  );
  const timer = setTimeout(() => worker.child.kill('SIGTERM'), 60_000);
  const signal = await exit;
  clearTimeout(timer);
  if (signal !== 'SIGKILL') throw new Error(`the worker did not die at ${fault}:\n${worker.log}`);
}

/** What each kill leaves: the state, and what the step that died inside wrote (nothing). */
const after: [FaultPoint, string, () => Promise<void>][] = [
  ['cycle.close.before', 'open', async () => expect(await cycleState(env, 2)).toBeUndefined()],
  ['cycle.close.inside', 'open', async () => expect(await cycleState(env, 2)).toBeUndefined()],
  ['cycle.close.after', 'closed', async () => expect(await cycleState(env, 2)).toBe('open')],
  ['cycle.aggregate.before', 'closed', async () => expect(await obligations()).toBe(0)],
  ['cycle.aggregate.inside', 'closed', async () => expect(await obligations()).toBe(0)],
  ['cycle.aggregate.after', 'aggregated', async () => expect(await obligations()).toBe(4)],
  ['cycle.issue.before', 'aggregated', async () => expect(await files()).toBe(0)],
  [
    'cycle.issue.file',
    'aggregated',
    async () => {
      // One file was stored in the transaction when it died: none is there, and none is listed.
      expect(await files()).toBe(0);
      expect(await cancellations()).toBe(0);
      const view = await env.api
        .http()
        .get(`/v1/programs/${env.program.code}/clearing/cycles/1`)
        .set(bearer(admin))
        .expect(200);
      expect(view.body).toMatchObject({ state: 'aggregated', files: [] });
    },
  ],
  [
    'cycle.issue.inside',
    'aggregated',
    async () => {
      expect(await files()).toBe(0);
      expect(await cancellations()).toBe(0);
    },
  ],
  ['cycle.issue.after', 'issued', async () => expect(await files()).toBeGreaterThan(0)],
];

it('resumes after a SIGKILL at each fault point, each step all or nothing', async () => {
  const leavesBefore = await env.auditHead();
  for (const [fault, state, check] of after) {
    await killedAt(fault);
    expect({ fault, state: await cycleState(env, 1) }).toEqual({ fault, state });
    await check();
    if (state !== 'issued')
      expect(
        await count(
          `SELECT COUNT(*) AS n FROM audit_leaves WHERE program_id = ? AND kind = 'clearing_file'`,
        ),
      ).toBe(0);
  }
  // Cleared already: a worker started again does nothing more, not even the step it could die in.
  const worker = BuiltProcess.start('main.worker.js', {
    ...env.api.db.env,
    TANLIAN_FAULT: 'cycle.issue.inside',
  });
  await worker.waitFor(/tanlian worker running/);
  await new Promise((r) => setTimeout(r, 5_000));
  expect(worker.running).toBe(true);
  await worker.stop();
  expect(await clearedCycle(env, 1)).toBe('issued');
  expect(await env.auditHead()).toBeGreaterThan(leavesBefore);
});

it('has each posting, leaf and file once, the bytes made again from the rows, the invariants holding', async () => {
  // 2 merchants × 2 issuers: one 注销 transaction (two postings) and one leaf per pair.
  expect(await cancellations()).toBe(4);
  expect(
    await count(
      `SELECT COUNT(*) AS n FROM ledger_postings p JOIN ledger_transactions t ON t.id = p.transaction_id
        WHERE t.program_id = ? AND t.kind = 'cancellation'`,
    ),
  ).toBe(8);
  expect(
    await count(
      `SELECT COUNT(*) AS n FROM audit_leaves l JOIN ledger_transactions t ON t.id = l.ref_id
        WHERE l.program_id = ? AND l.kind = 'ledger_transaction' AND t.kind = 'cancellation'`,
    ),
  ).toBe(4);
  const stored = await files();
  expect(
    await count(
      `SELECT COUNT(*) AS n FROM audit_leaves WHERE program_id = ? AND kind = 'clearing_file'`,
    ),
  ).toBe(stored);
  // cafe and books (reconciliation + 3 statements each), metro and map-app (3 statements and
  // a 注销 report each), the hub's instructions.
  expect(stored).toBe(2 * 4 + 2 * 4 + 1);
  const [cancelled]: { n: string }[] = await env.db.query(
    `SELECT SUM(balance) AS n FROM ledger_accounts WHERE program_id = ? AND kind = 'issuer_cancelled'`,
    [env.program.id],
  );
  expect(Number(cancelled.n)).toBe(2 * (7 + 4 - 2));
  // I3 (stored bytes = hash = leaf) and I8 (the files made again from the rows, byte for byte)
  // among I1–I9: the hashes an uninterrupted run gives from these rows.
  const check = await new CycleCheck(env.db, env.api.app.get(CycleSteps)).run(env.program, 1);
  expect(check).toMatchObject({ ok: true, failure: null });
  expect(check.checked.join('\n')).toContain(`I8 ${stored} files made again`);
  expect(await new LedgerCheck(env.db).run(env.program.code)).toMatchObject({ ok: true });
});
