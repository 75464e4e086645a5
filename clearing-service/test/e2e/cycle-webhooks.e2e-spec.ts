/**
 * A clearing cycle's webhooks (issue 13): each merchant and issuer with a line in the cycle gets
 * `cycle.closed` when it closes and `statement.available` when it is issued, naming its statement
 * files, signed as a Standard Webhook, once each: a step run again sends nothing. Real MariaDB,
 * Redis, api, worker and a local receiver.
 */
import { CycleEventPayload } from '@tanlian/sdk';
import { CycleSteps } from '../../src/clearing/services/cycle-steps';
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

jest.setTimeout(90_000);

let env: EarnEnv;
let receiver: Receiver;
let mei: string;
let admin: string;
let cafe: { token: string };
let books: { token: string };
const secrets: Record<string, string> = {};
let keys = 0;

const base = () => `/v1/programs/${env.program.code}`;
const http = () => env.api.http();

beforeAll(async () => {
  env = await EarnEnv.start('funding_cycle_webhooks');
  receiver = await Receiver.start();
  await startWorkerWithPolicy(env, FAST);
  const meiId = await env.bindResident('wx-mei', env.operators.metro, 'mei');
  await env.push(env.operators.metro, metroRide('m-1', 'mei', { minutesAgo: 200 })).expect(202);
  await env.processed();
  mei = (await env.api.app.get(ResidentSessionsService).open(meiId)).token;
  cafe = await seedMerchant(env.api.app, env.program, 'cafe');
  books = await seedMerchant(env.api.app, env.program, 'books');
  const staff = env.api.app.get(StaffUsersService);
  admin = (
    await env.api.app.get(ApiKeysService).issueForStaff(await staff.createAdmin('admin'), 'tests')
  ).token;
  // cafe (a merchant) and metro (the issuer) listen; books has a line but no callback.
  for (const [who, token] of [
    ['cafe', cafe.token],
    ['metro', admin],
  ] as const) {
    const set = await http()
      .put(`${base()}/participants/${who}/callback`)
      .set(bearer(token))
      .send({ url: receiver.url(`/${who}`) });
    expect(set.status).toBe(200);
    secrets[who] = set.body.secret;
  }
});
afterAll(async () => {
  await env.stop();
  await receiver.close();
});

async function capture(merchant: string, token: string, points: number) {
  const code = await http()
    .post(`${base()}/residents/me/redemption-codes`)
    .set(bearer(mei))
    .send({ merchant })
    .expect(201);
  const path = `${base()}/participants/${merchant}/redemptions`;
  const held = await http()
    .post(path)
    .set(bearer(token))
    .set('idempotency-key', `k-${++keys}`)
    .send({ code: code.body.code, points })
    .expect(201);
  await http()
    .post(`${path}/${held.body.id}/capture`)
    .set(bearer(token))
    .set('idempotency-key', `k-${++keys}`)
    .send({})
    .expect(200);
}

/** The verified cycle events one participant received. */
function cycleEvents(who: string): CycleEventPayload[] {
  return receiver
    .on(`/${who}`)
    .filter((r: Received) => JSON.parse(r.body).type?.match(/^(cycle|statement)\./))
    .map((r: Received) => {
      expect(verified(r, secrets[who]).ok).toBe(true);
      return CycleEventPayload.parse(JSON.parse(r.body));
    });
}

async function waitFor(who: string, n: number): Promise<CycleEventPayload[]> {
  const deadline = Date.now() + 30_000;
  while (cycleEvents(who).length < n && Date.now() < deadline) await sleep(100);
  return cycleEvents(who);
}

async function issued(seq: number) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await http().get(`${base()}/clearing/cycles/${seq}`).set(bearer(admin)).expect(200);
    if (['issued', 'settling', 'settled'].includes(res.body.state)) return res.body;
    if (Date.now() > deadline) throw new Error(`cycle ${seq} is still ${res.body.state}`);
    await sleep(200);
  }
}

it('tells each participant of the close and of its statements, signed, once each', async () => {
  await capture('cafe', cafe.token, 4);
  await capture('books', books.token, 2);
  await http()
    .post(`${base()}/clearing/cycles/close`)
    .set(bearer(admin))
    .set('idempotency-key', 'close-1')
    .expect(200);
  const cycle = await issued(1);

  for (const who of ['cafe', 'metro']) {
    const events = await waitFor(who, 2);
    expect(events.map((e) => e.type).sort()).toEqual(['cycle.closed', 'statement.available']);
    const closed = events.find((e) => e.type === 'cycle.closed')!;
    expect(closed).toMatchObject({
      program: env.program.code,
      participant: who,
      cycle: { sequence: 1, tradeDate: cycle.tradeDate, valueDate: cycle.valueDate },
    });
    expect(closed.statements).toBeUndefined();
    // The statements named are the participant's own, as its cycle view lists them.
    const mine = await http()
      .get(`${base()}/participants/${who}/clearing/cycles/1`)
      .set(bearer(who === 'cafe' ? cafe.token : admin))
      .expect(200);
    const statementFiles = mine.body.files
      .filter((f: { kind: string }) => f.kind === 'statement')
      .map((f: { id: string; format: string; name: string; sha256: string }) => ({
        id: f.id,
        format: f.format,
        name: f.name,
        sha256: f.sha256,
      }));
    const available = events.find((e) => e.type === 'statement.available')!;
    expect(available.statements).toHaveLength(3);
    expect(available.statements).toEqual(expect.arrayContaining(statementFiles));
    expect(available.statements!.every((s) => s.name.includes(`-${who}-`))).toBe(true);
  }

  // Every step run again: nothing happens, and nothing more is sent.
  const steps = env.api.app.get(CycleSteps);
  expect(await steps.aggregate(env.program, 1)).toBe(false);
  expect(await steps.issue(env.program, 1)).toBe(false);
  const replayed = await http()
    .post(`${base()}/clearing/cycles/close`)
    .set(bearer(admin))
    .set('idempotency-key', 'close-1')
    .expect(200);
  expect(replayed.headers['idempotent-replayed']).toBe('true');
  // Cycle 2 has no line: closing it tells no one.
  await http()
    .post(`${base()}/clearing/cycles/close`)
    .set(bearer(admin))
    .set('idempotency-key', 'close-2')
    .expect(200);
  await issued(2);
  await sleep(1500);
  expect(cycleEvents('cafe')).toHaveLength(2);
  expect(cycleEvents('metro')).toHaveLength(2);
  const rows: { participant_id: number; type: string; n: string }[] = await env.db.query(
    `SELECT participant_id, type, COUNT(*) AS n FROM callback_deliveries
      WHERE type IN ('cycle.closed', 'statement.available') GROUP BY participant_id, type`,
  );
  // cafe and metro twice each (one per type); books has no callback, so no delivery.
  expect(rows.map((r) => Number(r.n))).toEqual([1, 1, 1, 1]);
  expect(new Set(rows.map((r) => r.participant_id)).size).toBe(2);
});
