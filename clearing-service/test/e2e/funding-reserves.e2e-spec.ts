/**
 * Prepaid reserves in fen (issue 13): a top-up is booked in points and in fen at the program's
 * rate; each cycle draws what the prepaid operator's position pays from its reserve, in the
 * issuing transaction, once; its statement (JSON, CSV, camt.053) shows the reserve's opening
 * balance, top-ups, draw and closing balance; the top-up history is paged and the operator's own.
 * Real MariaDB, Redis, api and worker.
 */
import { CycleCheck } from '../../src/clearing/services/cycle-check';
import { CycleSteps } from '../../src/clearing/services/cycle-steps';
import { ResidentSessionsService } from '../../src/residents/services/resident-sessions.service';
import { ApiKeysService } from '../../src/tenancy/services/api-keys.service';
import { StaffUsersService } from '../../src/tenancy/services/staff-users.service';
import { EarnEnv, metroRide } from '../support/earn-env';
import { seedMerchant } from '../support/tenancy-fixtures';
import { bearer } from '../support/test-app';

jest.setTimeout(120_000);

const FEN_PER_POINT = 5;
let env: EarnEnv;
let admin: string;
let bureau: string;
let bikeKey: string;
let metroKey: string;
let hana: string;
let cafe: { token: string };
let keys = 0;

const base = () => `/v1/programs/${env.program.code}`;
const http = () => env.api.http();

beforeAll(async () => {
  env = await EarnEnv.start('funding_reserves');
  // A point is worth 5 fen here, so fen and points differ in every figure below.
  await env.db.query('UPDATE programs SET fen_per_point = ? WHERE id = ?', [
    FEN_PER_POINT,
    env.program.id,
  ]);
  env.program.fenPerPoint = FEN_PER_POINT;
  await env.startWorker();
  const staff = env.api.app.get(StaffUsersService);
  const apiKeys = env.api.app.get(ApiKeysService);
  admin = (await apiKeys.issueForStaff(await staff.createAdmin('admin'), 'tests')).token;
  bureau = (
    await apiKeys.issueForStaff(await staff.createBureauUser(env.program.id, 'bureau'), 'tests')
  ).token;
  bikeKey = (
    await apiKeys.issueForParticipant(env.program.id, env.operators.bike.participant.id, 't')
  ).token;
  metroKey = (
    await apiKeys.issueForParticipant(env.program.id, env.operators.metro.participant.id, 't')
  ).token;
  cafe = await seedMerchant(env.api.app, env.program, 'cafe');
  const hanaId = await env.bindResident('wx-hana', env.operators.bike, 'hana');
  hana = (await env.api.app.get(ResidentSessionsService).open(hanaId)).token;
});
afterAll(() => env.stop());

function topUp(points: number, reference: string) {
  return http()
    .post(`${base()}/participants/bike/funding/top-ups`)
    .set(bearer(admin))
    .send({ points, reference });
}

/** 6000 m by bike: 20 points (earn-env's methodology), issued from the block. */
async function ride(id: string, minutesAgo: number) {
  await env
    .push(
      env.operators.bike,
      metroRide(id, 'hana', { behaviour: 'bike', distanceM: 6000, minutes: 20, minutesAgo }),
    )
    .expect(202);
  await env.processed();
}

async function capture(points: number) {
  const code = await http()
    .post(`${base()}/residents/me/redemption-codes`)
    .set(bearer(hana))
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
}

async function clearCycle(seq: number) {
  await http()
    .post(`${base()}/clearing/cycles/close`)
    .set(bearer(admin))
    .set('idempotency-key', `close-${seq}`)
    .expect(200);
  const deadline = Date.now() + 30_000;
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

/** bike's statement of cycle `seq` in one format, as bike downloads it. */
async function statement(seq: number, format: 'json' | 'csv' | 'xml'): Promise<string> {
  const cycle = await http()
    .get(`${base()}/participants/bike/clearing/cycles/${seq}`)
    .set(bearer(bikeKey))
    .expect(200);
  const file = cycle.body.files.find(
    (f: { kind: string; format: string }) => f.kind === 'statement' && f.format === format,
  );
  const res = await http()
    .get(`${base()}/participants/bike/clearing/cycles/${seq}/files/${file.id}`)
    .set(bearer(bikeKey))
    .buffer(true)
    .parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    })
    .expect(200);
  return (res.body as Buffer).toString('utf8');
}

it('books a top-up in points and in fen, once per reference', async () => {
  const first = await topUp(30, 'pay-1');
  expect(first.status).toBe(201);
  expect(first.body).toMatchObject({
    reference: 'pay-1',
    points: '30',
    amountFen: '150',
    replayed: false,
    funding: { blockPoints: '30', reserveFen: '150' },
  });
  const again = await topUp(30, 'pay-1');
  expect(again.body).toMatchObject({ replayed: true, amountFen: '150' });
  expect(again.body.funding.reserveFen).toBe('150');
  expect((await topUp(31, 'pay-1')).body.code).toBe('top_up_reference_reused');
  const [{ n }]: { n: string }[] = await env.db.query(
    "SELECT COUNT(*) AS n FROM funding_reserve_entries WHERE kind = 'top_up'",
  );
  expect(Number(n)).toBe(1);
});

it("draws each cycle's payment from the reserve and shows it on the statement", async () => {
  await ride('bk-1', 200);
  await capture(12);
  const cycle = await clearCycle(1);
  expect(
    cycle.positions.find((p: { participant: string }) => p.participant === 'bike'),
  ).toMatchObject({ netFen: '-60', method: 'prepaid_reserve' });
  const json = JSON.parse(await statement(1, 'json')).statement;
  expect(json.reserve).toEqual({
    openingBalanceFen: '0',
    topUps: [
      expect.objectContaining({
        reference: 'pay-1',
        points: '30',
        fenPerPoint: 5,
        amountFen: '150',
      }),
    ],
    drawFen: '60',
    closingBalanceFen: '90',
  });
  const csv = await statement(1, 'csv');
  expect(csv).toMatch(
    /\nRESERVE_OPENING,0\nRESERVE_TOP_UP,pay-1,[^,]+,30,150\nRESERVE_DRAW,60\nRESERVE_CLOSING,90\n$/,
  );
  const xml = await statement(1, 'xml');
  expect(xml).toContain('<Id>shenzhen/bike/reserve</Id>');
  expect(xml).toMatch(/<Cd>OPBD<\/Cd><\/CdOrPrtry><\/Tp><Amt Ccy="CNY">0.00<\/Amt><CdtDbtInd>CRDT/);
  expect(xml).toMatch(/<Cd>CLBD<\/Cd><\/CdOrPrtry><\/Tp><Amt Ccy="CNY">0.90<\/Amt><CdtDbtInd>CRDT/);
  expect(xml).toMatch(/<NtryRef>draw:1<\/NtryRef><Amt Ccy="CNY">0.60<\/Amt><CdtDbtInd>DBIT/);
  // The funding view shows the reserve after the draw.
  expect(
    (await http().get(`${base()}/participants/bike/funding`).set(bearer(bikeKey)).expect(200)).body
      .reserveFen,
  ).toBe('90');

  // The issue run again draws nothing more; the files made again are the same bytes (I8).
  expect(await env.api.app.get(CycleSteps).issue(env.program, 1)).toBe(false);
  const [{ n }]: { n: string }[] = await env.db.query(
    "SELECT COUNT(*) AS n FROM funding_reserve_entries WHERE kind = 'draw'",
  );
  expect(Number(n)).toBe(1);
  const check = await env.worker!.get(CycleCheck).run(env.program, 1);
  expect(check).toMatchObject({ ok: true });
});

it('opens the next cycle at the last closing balance, with only the top-ups since', async () => {
  await topUp(10, 'pay-2');
  await capture(4);
  await clearCycle(2);
  const json = JSON.parse(await statement(2, 'json')).statement;
  expect(json.reserve).toMatchObject({
    openingBalanceFen: '90',
    topUps: [expect.objectContaining({ reference: 'pay-2', amountFen: '50' })],
    drawFen: '20',
    closingBalanceFen: '120',
  });
  // Cycle 1's statement is as it was issued.
  expect(JSON.parse(await statement(1, 'json')).statement.reserve.closingBalanceFen).toBe('90');
});

it('lists the top-ups newest first a page at a time, to the operator itself, bureau and admin', async () => {
  const path = `${base()}/participants/bike/funding/top-ups`;
  const page1 = await http().get(`${path}?limit=1`).set(bearer(bikeKey)).expect(200);
  expect(page1.body.topUps).toEqual([
    {
      reference: 'pay-2',
      points: '10',
      amountFen: '50',
      fenPerPoint: 5,
      reserveAfterFen: '140',
      at: expect.any(String),
    },
  ]);
  const page2 = await http()
    .get(`${path}?limit=1&before=${page1.body.next}`)
    .set(bearer(bureau))
    .expect(200);
  expect(page2.body.topUps.map((t: { reference: string }) => t.reference)).toEqual(['pay-1']);
  expect(page2.body.topUps[0].reserveAfterFen).toBe('150');
  expect(page2.body.next).toBeNull();
  const all = await http().get(path).set(bearer(admin)).expect(200);
  expect(all.body.topUps.map((t: { reference: string }) => t.reference)).toEqual([
    'pay-2',
    'pay-1',
  ]);
  // Another operator reaches neither bike's history nor its funding.
  expect([403, 404]).toContain((await http().get(path).set(bearer(metroKey))).status);
  const bad = await http().get(`${path}?limit=0`).set(bearer(admin));
  expect(bad.status).toBe(422);
  expect(JSON.stringify(bad.body)).toContain('limit');
});
