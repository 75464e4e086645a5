/**
 * Injected clock (issue 13): a hold at the instant it expires, by the database's clock (a session
 * whose `SET timestamp` fixes NOW(3), running the service's own capture and sweep in it); a lot
 * that expires while held (the lot expiry job run for the next China day); a void onto that
 * expired lot, and a refund onto it (the service's clock, faked to the next day for the refund
 * alone). I4-I6 (CycleCheck) hold after all of it. Real MariaDB, Redis, api and worker.
 */
import type { QueryRunner } from 'typeorm';
import { CycleCheck } from '../../src/clearing/services/cycle-check';
import { CycleSteps } from '../../src/clearing/services/cycle-steps';
import { PointsExpiry } from '../../src/ledger/services/points-expiry';
import { HoldsService } from '../../src/redemption/services/holds.service';
import type { Participant } from '../../src/tenancy/entities/participant.entity';
import { chinaDay, DAY_MS } from '../../src/time/china-time';
import { EarnEnv } from '../support/earn-env';
import { residentsWithLots } from '../support/residents-with-lots';
import { seedMerchant } from '../support/tenancy-fixtures';

let env: EarnEnv;
let cafe: Participant;
let holds: HoldsService;
let resident: number;
const today = chinaDay(new Date());
const tomorrow = chinaDay(new Date(Date.now() + DAY_MS));

beforeAll(async () => {
  env = await EarnEnv.start('harden_clock');
  await env.startWorker();
  cafe = (await seedMerchant(env.api.app, env.program, 'cafe')).merchant;
  holds = env.api.app.get(HoldsService);
  // One lot of 100 points that expires at the end of today (China time).
  [resident] = await residentsWithLots(
    env,
    1,
    100,
    'clock',
    { program: env.program, issuerId: env.operators.metro.participant.id },
    today,
  );
});
afterAll(() => env.stop());

const hold = (points: number) =>
  env.db.transaction((em) =>
    holds.holdFor(em, env.program, cafe, resident, {
      points,
      merchantOrderId: null,
      ttlSeconds: 60,
      offerId: null,
    }),
  );

async function balances() {
  const rows: { kind: string; n: string }[] = await env.db.query(
    `SELECT kind, SUM(balance) AS n FROM ledger_accounts WHERE program_id = ? GROUP BY kind`,
    [env.program.id],
  );
  return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
}

/** `work` in one transaction of a session whose database clock reads `at`. */
async function atDatabaseTime<T>(at: number, work: (runner: QueryRunner) => Promise<T>) {
  const runner = env.db.createQueryRunner();
  try {
    await runner.query('SET timestamp = ?', [at / 1000]);
    await runner.startTransaction();
    try {
      const result = await work(runner);
      await runner.commitTransaction();
      return result;
    } catch (err) {
      await runner.rollbackTransaction();
      throw err;
    }
  } finally {
    await runner.query('SET timestamp = DEFAULT');
    await runner.release();
  }
}

const expiresAt = async (id: string) =>
  (
    (await env.db.query('SELECT expires_at FROM redemptions WHERE public_id = ?', [id]))[0]
      .expires_at as Date
  ).getTime();

it('captures a hold a millisecond before it expires, and refuses and sweeps it at that instant', async () => {
  const early = await hold(5);
  const at = await expiresAt(early);
  const captured = await atDatabaseTime(at - 1, (r) =>
    holds.capture(r.manager, env.program, cafe, early, undefined),
  );
  expect(captured).toMatchObject({ status: 'captured', capturedPoints: 5 });

  const late = await hold(6);
  const boundary = await expiresAt(late);
  await expect(
    atDatabaseTime(boundary, (r) => holds.capture(r.manager, env.program, cafe, late, undefined)),
  ).rejects.toMatchObject({ code: 'hold_expired' });
  // A millisecond earlier the sweeper finds nothing due; at the instant, it releases the hold.
  expect(
    await atDatabaseTime(boundary - 1, (r) => holds.expireOldest(r.manager, env.program)),
  ).toBe(false);
  expect(await atDatabaseTime(boundary, (r) => holds.expireOldest(r.manager, env.program))).toBe(
    true,
  );
  expect((await holds.view(env.program, cafe, late)).status).toBe('expired');
  expect(await balances()).toMatchObject({ resident: 95, resident_held: 0, merchant_clearing: 5 });
});

let capturedWhileExpired: string;

it('keeps a hold capturable when its lot expires while held, and expires what a void gives back', async () => {
  capturedWhileExpired = await hold(20);
  const voided = await hold(10);
  // The lot's day passes: the expiry job takes what is left in the lot, not what is held.
  expect(await env.worker!.get(PointsExpiry).expireDue(env.program, tomorrow)).toBe(1);
  expect(await balances()).toMatchObject({ resident: 0, resident_held: 30, issuer_expired: 65 });
  await env.db.transaction((em) =>
    holds.capture(em, env.program, cafe, capturedWhileExpired, undefined),
  );
  await env.db.transaction((em) => holds.void(em, env.program, cafe, voided));
  // The void went back to the expired lot; the job's next run expires it.
  expect(await balances()).toMatchObject({ resident: 10, resident_held: 0, merchant_clearing: 25 });
  expect(await env.worker!.get(PointsExpiry).expireDue(env.program, tomorrow)).toBe(1);
  expect(await balances()).toMatchObject({ resident: 0, issuer_expired: 75 });
});

it('expires a refund onto a lot that expired since the capture (the program default)', async () => {
  // The service's clock on the next China day, for the refund only (Date alone is faked).
  jest.useFakeTimers({
    now: Date.now() + DAY_MS,
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
  try {
    const view = await env.db.transaction((em) =>
      holds.refund(em, env.program, cafe, capturedWhileExpired, { refundId: 'r-1', points: 8 }),
    );
    expect(view).toMatchObject({ status: 'partially_refunded', refundedPoints: 8 });
  } finally {
    jest.useRealTimers();
  }
  expect(await balances()).toMatchObject({
    resident: 0,
    merchant_clearing: 17,
    issuer_expired: 83,
  });
});

it('clears the cycle with every invariant holding (I4: issued = lots + pending + uncleared + cancelled + expired)', async () => {
  const steps = env.api.app.get(CycleSteps);
  await steps.close(env.program);
  await steps.aggregate(env.program, 1);
  await steps.issue(env.program, 1);
  const result = await new CycleCheck(env.db, steps).run(env.program, 1);
  expect(result).toMatchObject({ ok: true, failure: null });
  expect(result.checked.join('\n')).toContain('I4 1 issuers');
  expect(await balances()).toMatchObject({ merchant_clearing: 0, issuer_cancelled: 17 });
});
