/**
 * Holds under concurrency (issue 13), through the service's own code on the real MariaDB:
 * - over-spend: 1,000 residents × 20 parallel holds whose sum exceeds each balance: no balance
 *   goes below zero, and exactly the affordable holds succeed, resident by resident;
 * - resolve race: 50 parallel captures, voids and sweeps of one hold have exactly one outcome.
 * The holds run as the api runs them (IdempotentRequests.run around HoldsService.hold), in process,
 * with bounded concurrency; the race's captures and voids go over HTTP.
 */
import { HOLD_TTL_SECONDS } from '@tanlian/sdk';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { UnprocessableError } from '../../src/http/domain-error';
import { IdempotentRequests } from '../../src/idempotency/idempotent-requests';
import { HoldExpiry } from '../../src/redemption/services/hold-expiry';
import { HoldsService } from '../../src/redemption/services/holds.service';
import { mintRedemptionCode } from '../../src/redemption/redemption-code-secret';
import { insertRedemptionCode } from '../../src/redemption/services/redemption-codes-store';
import { ResidentSessionsService } from '../../src/residents/services/resident-sessions.service';
import type { Participant } from '../../src/tenancy/entities/participant.entity';
import type { Program } from '../../src/tenancy/entities/program.entity';
import { ParticipantsStore } from '../../src/tenancy/services/participants-store';
import { ProgramsStore } from '../../src/tenancy/services/programs-store';
import { EarnEnv } from '../support/earn-env';
import { residentsWithLots } from '../support/residents-with-lots';
import { seedMerchant } from '../support/tenancy-fixtures';
import { bearer } from '../support/test-app';

// The over-spend writes 20,000 holds' attempts; on a loaded 2-core machine that takes minutes.
jest.setTimeout(900_000);

const RESIDENTS = Number(process.env.OVERSPEND_RESIDENTS ?? 1000);
const HOLDS_EACH = 20;
const BALANCE = 50;
const HOLD = 12; // 20 × 12 = 240 > 50: exactly 4 holds of each resident are affordable
const AFFORDABLE = Math.floor(BALANCE / HOLD);
const PROGRAMS = 10;
const RESIDENTS_AT_ONCE = 20; // × 20 holds each in flight

let env: EarnEnv;
let db: DataSource;
let cafe: { merchant: Participant; token: string };

beforeAll(async () => {
  // Enough connections that waiting holds of one resident do not stall the others.
  env = await EarnEnv.start('redemption-races', { DATABASE_POOL_SIZE: '40' });
  db = env.db;
  cafe = await seedMerchant(env.api.app, env.program, 'cafe');
});
afterAll(() => env.stop());

/** A program with an issuer and a merchant. */
interface Shop {
  program: Program;
  issuerId: number;
  merchant: Participant;
}

/**
 * Programs of their own for the over-spend: each program's holds serialise on its audit-log head
 * (every commit waits for the disk), so the residents are spread over several to run in parallel.
 */
async function shops(n: number): Promise<Shop[]> {
  const out: Shop[] = [];
  for (let i = 0; i < n; i++) {
    const program = await env.createProgram(`overspend-${i}`, 'sha256');
    const issuer = await env.api.app.get(ParticipantsStore).create(program.id, {
      code: 'metro',
      name: 'metro',
      roles: ['operator'],
      fundingMode: 'postpaid',
    });
    const { merchant } = await seedMerchant(env.api.app, program, 'cafe');
    out.push({ program, issuerId: issuer.id, merchant });
  }
  return out;
}

/** Residents with a lot of `points` each from metro (the shop's issuer). */
function residentsWithPoints(
  n: number,
  points: number,
  prefix: string,
  shop: Shop = {
    program: env.program,
    issuerId: env.operators.metro.participant.id,
    merchant: cafe.merchant,
  },
): Promise<number[]> {
  return residentsWithLots(env, n, points, prefix, shop);
}

/** A resident's lot balance and held balance, from the accounts and again from their postings. */
async function accountsOf(residentIds: number[]) {
  const rows: { owner_id: number; kind: string; balance: string; posted: string }[] =
    await db.query(
      `SELECT a.owner_id, a.kind, a.balance, COALESCE(SUM(p.amount), 0) AS posted
         FROM ledger_accounts a LEFT JOIN ledger_postings p ON p.account_id = a.id
        WHERE a.kind IN ('resident', 'resident_held')
          AND a.owner_id IN (${residentIds.map(() => '?').join(', ')})
        GROUP BY a.id`,
      residentIds,
    );
  return rows;
}

async function pool<T>(items: T[], width: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

it(`lets exactly the affordable holds through: ${RESIDENTS} residents × ${HOLDS_EACH} parallel holds`, async () => {
  const programs = await shops(PROGRAMS);
  const shopOf = new Map<number, Shop>();
  const residents: number[] = [];
  for (const [i, shop] of programs.entries()) {
    const ids = await residentsWithPoints(RESIDENTS / PROGRAMS, BALANCE, `overspend-${i}`, shop);
    for (const id of ids) shopOf.set(id, shop);
    residents.push(...ids);
  }
  const holds = env.api.app.get(HoldsService);
  const idempotent = env.api.app.get(IdempotentRequests);
  const succeeded = new Map<number, number>();
  const unexpected: string[] = [];
  const started = Date.now();
  // Interleaved, so every program's residents are in flight together.
  const order = residents
    .map((id, i) => ({ id, i }))
    .sort((a, b) => (a.i % (RESIDENTS / PROGRAMS)) - (b.i % (RESIDENTS / PROGRAMS)) || a.i - b.i);
  await pool(
    order.map((o) => o.id),
    RESIDENTS_AT_ONCE,
    async (residentId) => {
      const { program, merchant } = shopOf.get(residentId)!;
      // The resident's consent to each hold: 20 live codes, written as their session writes them.
      const presented = Array.from({ length: HOLDS_EACH }, () => mintRedemptionCode());
      await Promise.all(
        presented.map((minted) =>
          insertRedemptionCode(db, {
            publicId: `rc_${randomBytes(8).toString('hex')}`,
            programId: program.id,
            residentId,
            merchantId: null,
            maxPoints: null,
            secretHash: minted.secretHash,
            ttlSeconds: 60,
          }),
        ),
      );
      const outcomes = await Promise.allSettled(
        presented.map(({ code }, i) =>
          idempotent.run(
            {
              scope: `participant:${merchant.id}`,
              route: 'POST /v1/programs/:program/participants/:participant/redemptions',
              key: `overspend-${residentId}-${i}`,
              request: { code, points: HOLD },
            },
            (em) =>
              holds.hold(em, program, merchant, {
                code,
                points: HOLD,
                ttlSeconds: HOLD_TTL_SECONDS.max,
              }),
          ),
        ),
      );
      let ok = 0;
      for (const o of outcomes) {
        if (o.status === 'fulfilled') ok++;
        else if (!(
          o.reason instanceof UnprocessableError && o.reason.code === 'insufficient_points'
        ))
          unexpected.push(String(o.reason));
      }
      succeeded.set(residentId, ok);
    },
  );
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `over-spend: ${RESIDENTS * HOLDS_EACH} holds in ${seconds.toFixed(1)} s (${Math.round((RESIDENTS * HOLDS_EACH) / seconds)}/s)`,
  );
  expect(unexpected).toEqual([]);
  // Exactly the affordable holds of each resident, no more and no fewer.
  const counts = new Map<number, number>();
  for (const n of succeeded.values()) counts.set(n, (counts.get(n) ?? 0) + 1);
  expect([...counts]).toEqual([[AFFORDABLE, RESIDENTS]]);
  const [{ n: held }]: { n: string }[] = await db.query(
    `SELECT COUNT(*) AS n FROM redemptions WHERE status = 'held' AND program_id IN (${programs.map(() => '?').join(', ')})`,
    programs.map((p) => p.program.id),
  );
  expect(Number(held)).toBe(RESIDENTS * AFFORDABLE);
  // The ledger: each lot holds what is left, each held account the holds, none below zero, and
  // every cached balance is the sum of its postings.
  const accounts = await accountsOf(residents);
  const byKind = (kind: string) => accounts.filter((a) => a.kind === kind);
  expect(byKind('resident')).toHaveLength(RESIDENTS);
  expect(byKind('resident_held')).toHaveLength(RESIDENTS);
  for (const a of byKind('resident')) expect(Number(a.balance)).toBe(BALANCE - AFFORDABLE * HOLD);
  for (const a of byKind('resident_held')) expect(Number(a.balance)).toBe(AFFORDABLE * HOLD);
  for (const a of accounts) expect(a.balance).toBe(a.posted);
  const [{ negative }]: { negative: string }[] = await db.query(
    `SELECT COUNT(*) AS negative FROM ledger_accounts
      WHERE kind IN ('resident', 'resident_held') AND balance < 0`,
  );
  expect(Number(negative)).toBe(0);
});

describe('resolve race', () => {
  let residentId: number;
  let token: string;

  beforeAll(async () => {
    [residentId] = await residentsWithPoints(1, 100, 'race');
    token = (await env.api.app.get(ResidentSessionsService).open(residentId)).token;
  });

  const base = () => `/v1/programs/${env.program.code}`;
  let keys = 0;

  async function hold(points: number): Promise<string> {
    const code = await env.api
      .http()
      .post(`${base()}/residents/me/redemption-codes`)
      .set(bearer(token))
      .send({});
    const res = await env.api
      .http()
      .post(`${base()}/participants/cafe/redemptions`)
      .set(bearer(cafe.token))
      .set('idempotency-key', `race-${++keys}`)
      .send({ code: code.body.code, points });
    expect(res.status).toBe(201);
    return res.body.id;
  }

  /** 50 at once: captures, voids and sweeps, in turn; the HTTP answers and the sweeps' counts. */
  async function race(id: string) {
    const sweeper = new HoldExpiry(
      db,
      env.api.app.get(HoldsService),
      env.api.app.get(ProgramsStore),
    );
    const calls = Array.from({ length: 50 }, (_, i) => {
      if (i % 3 === 2) return sweeper.sweep(env.program, 1).then((n) => ({ sweep: n }));
      const what = i % 3 === 0 ? 'capture' : 'void';
      return env.api
        .http()
        .post(`${base()}/participants/cafe/redemptions/${id}/${what}`)
        .set(bearer(cafe.token))
        .set('idempotency-key', `race-${++keys}`)
        .send({})
        .then((res) => ({ what, status: res.status, code: res.body.code as string | undefined }));
    });
    return Promise.all(calls);
  }

  async function resolutions(id: string) {
    return db.query(
      `SELECT kind FROM ledger_transactions
        WHERE program_id = ? AND (reference = ? OR reference = ?)`,
      [env.program.id, `capture:${id}`, `release:${id}`],
    );
  }

  async function lotBalance(): Promise<{ lot: number; held: number }> {
    const rows = await accountsOf([residentId]);
    return {
      lot: Number(rows.find((r) => r.kind === 'resident')!.balance),
      held: Number(rows.find((r) => r.kind === 'resident_held')?.balance ?? 0),
    };
  }

  it('resolves a live hold once: one capture or one void, every other call refused', async () => {
    for (let round = 0; round < 3; round++) {
      const before = await lotBalance();
      const id = await hold(10);
      const answers = await race(id);
      const won = answers.filter((a) => 'status' in a && a.status === 200);
      expect(won).toHaveLength(1);
      const winner = (won[0] as { what: string }).what;
      for (const a of answers) {
        if ('sweep' in a)
          expect(a.sweep).toBe(0); // not expired: nothing to sweep
        else if (a !== won[0]) {
          expect(a.status).toBe(409);
          expect(a.code).toBe(
            winner === 'capture' ? 'hold_already_captured' : 'hold_already_voided',
          );
        }
      }
      expect(await resolutions(id)).toEqual([
        { kind: winner === 'capture' ? 'capture' : 'release' },
      ]);
      const after = await lotBalance();
      expect(after.held).toBe(before.held);
      expect(after.lot).toBe(winner === 'capture' ? before.lot - 10 : before.lot);
    }
  });

  it('resolves an expired hold once, by one sweep: captures and voids get hold_expired', async () => {
    const before = await lotBalance();
    const id = await hold(10);
    await db.query(
      'UPDATE redemptions SET expires_at = NOW(3) - INTERVAL 1 SECOND WHERE public_id = ?',
      [id],
    );
    const answers = await race(id);
    const sweeps = answers.flatMap((a) => ('sweep' in a ? [a.sweep] : []));
    expect(sweeps.reduce((s, n) => s + n, 0)).toBe(1);
    for (const a of answers)
      if (!('sweep' in a)) expect([a.status, a.code]).toEqual([409, 'hold_expired']);
    expect(await resolutions(id)).toEqual([{ kind: 'release' }]);
    expect(await lotBalance()).toEqual(before);
    const [row]: { status: string }[] = await db.query(
      'SELECT status FROM redemptions WHERE public_id = ?',
      [id],
    );
    expect(row.status).toBe('expired');
  });
});
