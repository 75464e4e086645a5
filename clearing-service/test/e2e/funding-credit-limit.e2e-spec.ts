/**
 * A postpaid operator's credit limit (issue 13): its outstanding points (issued − cancelled −
 * expired) reaching the limit send `funding.credit_limit_reached` to the operator, signed, once per
 * crossing, and set the metric; a cycle's 注销 bringing them back under re-arms both. Real MariaDB,
 * Redis, api, worker (its watch) and a local receiver.
 */
import { FundingAlertPayload } from '@tanlian/sdk';
import { ResidentSessionsService } from '../../src/residents/services/resident-sessions.service';
import { ApiKeysService } from '../../src/tenancy/services/api-keys.service';
import { StaffUsersService } from '../../src/tenancy/services/staff-users.service';
import {
  FAST,
  Receiver,
  sleep,
  startWorkerWithPolicy,
  verified,
  type Received,
} from '../support/callback-receiver';
import { EarnEnv, metroRide } from '../support/earn-env';
import { seedMerchant } from '../support/tenancy-fixtures';
import { bearer } from '../support/test-app';

jest.setTimeout(120_000);

let env: EarnEnv;
let receiver: Receiver;
let admin: string;
let mei: string;
let cafe: { token: string };
let secret: string;
let rides = 0;
let keys = 0;

const base = () => `/v1/programs/${env.program.code}`;
const http = () => env.api.http();
const funding = (op = 'metro') => `${base()}/participants/${op}/funding`;

beforeAll(async () => {
  env = await EarnEnv.start('funding_credit_limit');
  receiver = await Receiver.start();
  await startWorkerWithPolicy(env, FAST);
  const staff = env.api.app.get(StaffUsersService);
  admin = (
    await env.api.app.get(ApiKeysService).issueForStaff(await staff.createAdmin('admin'), 'tests')
  ).token;
  const meiId = await env.bindResident('wx-mei', env.operators.metro, 'mei');
  mei = (await env.api.app.get(ResidentSessionsService).open(meiId)).token;
  cafe = await seedMerchant(env.api.app, env.program, 'cafe');
  const set = await http()
    .put(`${base()}/participants/metro/callback`)
    .set(bearer(admin))
    .send({ url: receiver.url('/metro') });
  expect(set.status).toBe(200);
  secret = set.body.secret;
});
afterAll(async () => {
  await env.stop();
  await receiver.close();
});

/** A short metro ride, none overlapping another; answers metro's outstanding points after it. */
async function ride(): Promise<number> {
  const id = `m-${++rides}`;
  const trip = { distanceM: 2000, minutes: 5, minutesAgo: 80 - rides * 8 };
  await env.push(env.operators.metro, metroRide(id, 'mei', trip)).expect(202);
  await env.processed();
  return Number((await view()).outstandingPoints);
}

async function view() {
  return (await http().get(funding()).set(bearer(admin)).expect(200)).body;
}

function alerts(): FundingAlertPayload[] {
  return receiver
    .on('/metro')
    .filter((r: Received) => JSON.parse(r.body).type === 'funding.credit_limit_reached')
    .map((r: Received) => {
      expect(verified(r, secret).ok).toBe(true);
      return FundingAlertPayload.parse(JSON.parse(r.body));
    });
}

async function until(what: string, done: () => Promise<boolean> | boolean): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`still waiting for ${what}`);
    await sleep(100);
  }
}

async function metric(): Promise<string | undefined> {
  const res = await http().get('/metrics').expect(200);
  return res.text
    .split('\n')
    .find((l) => l.startsWith('tanlian_funding_credit_limit_reached{'))
    ?.replace(/^.*\} /, '');
}

let limit = 0;

it('sets a limit on a postpaid operator only, naming a bad field', async () => {
  const outstanding = await ride();
  expect(outstanding).toBeGreaterThan(0);
  limit = outstanding + 1;
  const set = await http()
    .put(`${funding()}/credit-limit`)
    .set(bearer(admin))
    .send({ creditLimitPoints: limit });
  expect(set.status).toBe(200);
  expect(set.body).toMatchObject({
    outstandingPoints: String(limit - 1),
    creditLimitPoints: String(limit),
    creditLimitReached: false,
  });
  const prepaid = await http()
    .put(`${funding('bike')}/credit-limit`)
    .set(bearer(admin))
    .send({ creditLimitPoints: 5 });
  expect(prepaid.status).toBe(409);
  expect(prepaid.body.code).toBe('not_postpaid');
  const bad = await http()
    .put(`${funding()}/credit-limit`)
    .set(bearer(admin))
    .send({ creditLimitPoints: 1.5 });
  expect(bad.status).toBe(422);
  expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['creditLimitPoints']);
  expect((await view()).creditLimitPoints).toBe(String(limit));
  // Under the limit: the watch sends nothing.
  await sleep(2500);
  expect(alerts()).toHaveLength(0);
  expect(await metric()).toBe('0');
});

it('alerts once when the outstanding points reach the limit, not on every event after', async () => {
  const outstanding = await ride();
  expect(outstanding).toBeGreaterThanOrEqual(limit);
  await until('the alert', () => alerts().length === 1);
  expect(alerts()[0]).toMatchObject({
    program: env.program.code,
    participant: 'metro',
    outstandingPoints: String(outstanding),
    creditLimitPoints: String(limit),
  });
  expect((await view()).creditLimitReached).toBe(true);
  expect(await metric()).toBe('1');
  await ride();
  await sleep(2500);
  expect(alerts()).toHaveLength(1);
});

it('re-arms when a cycle cancels enough points, and alerts at the next crossing', async () => {
  // mei spends everything at cafe; the cycle's 注销 takes it out of metro's outstanding points.
  const points = Number((await view()).outstandingPoints);
  const code = await http()
    .post(`${base()}/residents/me/redemption-codes`)
    .set(bearer(mei))
    .send({ merchant: 'cafe' })
    .expect(201);
  const path = `${base()}/participants/cafe/redemptions`;
  const held = await http()
    .post(path)
    .set(bearer(cafe.token))
    .set('idempotency-key', `k-${++keys}`)
    .send({ code: code.body.code, points })
    .expect(201);
  await http()
    .post(`${path}/${held.body.id}/capture`)
    .set(bearer(cafe.token))
    .set('idempotency-key', `k-${++keys}`)
    .send({})
    .expect(200);
  await http()
    .post(`${base()}/clearing/cycles/close`)
    .set(bearer(admin))
    .set('idempotency-key', 'close-1')
    .expect(200);
  await until('the 注销', async () => (await view()).outstandingPoints === '0');
  await until('the re-arm', async () => (await view()).creditLimitReached === false);
  expect(await metric()).toBe('0');
  expect(alerts()).toHaveLength(1);

  let outstanding = 0;
  while (outstanding < limit && rides < 9) outstanding = await ride();
  await until('the second alert', () => alerts().length === 2);
  expect(alerts()[1].outstandingPoints).toBe(String(outstanding));
  const [{ n }]: { n: string }[] = await env.db.query(
    "SELECT COUNT(*) AS n FROM callback_deliveries WHERE type = 'funding.credit_limit_reached'",
  );
  expect(Number(n)).toBe(2);
});
