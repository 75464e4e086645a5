/**
 * The dashboards end to end on the real MariaDB and Redis: signed events pushed, credited by the
 * worker, folded into reporting's rollups off the crediting transaction; the bureau's totals equal
 * the credited reductions, an operator sees its own share only, a tampered rollup fails ledger:check.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ApiKeysService } from '../../src/tenancy/services/api-keys.service';
import { StaffUsersService } from '../../src/tenancy/services/staff-users.service';
import { chinaDay } from '../../src/time/china-time';
import { EarnEnv } from '../support/earn-env';
import { sameChinaDaySlots } from '../support/china-day';

let env: EarnEnv;
let bureau: string;
let metroKey: string;
let day: string;

beforeAll(async () => {
  env = await EarnEnv.start('reporting_dashboards');
  await env.startWorker();
  const staff = await env.api.app
    .get(StaffUsersService)
    .createBureauUser(env.program.id, 'reporting bureau');
  const keys = env.api.app.get(ApiKeysService);
  bureau = (await keys.issueForStaff(staff, 'tests')).token;
  metroKey = (
    await keys.issueForParticipant(env.program.id, env.operators.metro.participant.id, 'tests')
  ).token;
  await env.bindResident('wx-rita', env.operators.metro, 'rita');
  const sam = await env.bindResident('wx-sam', env.operators.metro, 'sam');
  await env.bindResidentTo(sam, env.operators.mapApp, 'sam-map');
  const slots = sameChinaDaySlots(4, 6);
  day = chinaDay(slots[0]);
  const ride = (id: string, user: string, at: Date, district: string) => ({
    id,
    user,
    behaviour: 'metro',
    startedAt: at.toISOString(),
    endedAt: new Date(at.getTime() + 4 * 60_000).toISOString(),
    district,
    activity: { distanceM: 3000 },
  });
  await env.push(env.operators.metro, ride('r1', 'rita', slots[0], '440305')).expect(202);
  await env.push(env.operators.metro, ride('r2', 'rita', slots[1], '440305')).expect(202);
  await env.push(env.operators.metro, ride('s1', 'sam', slots[2], '440306')).expect(202);
  await env
    .push(env.operators.mapApp, {
      ...ride('s2', 'sam-map', slots[3], '440305'),
      behaviour: 'walk',
      activity: { units: 3000 },
    })
    .expect(202);
  await env.processed();
  await folded();
});
afterAll(() => env.stop());

/** The worker folds the outbox every second: wait until it is empty. */
async function folded(): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const [{ n }] = await env.db.query('SELECT COUNT(*) AS n FROM reporting_outbox');
    if (Number(n) === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the reporting outbox was not folded');
}

const get = (path: string, token: string) =>
  env.api.http().get(path).set('authorization', `Bearer ${token}`);

async function credited(where = '1 = 1'): Promise<{ mg: number; points: number; n: number }> {
  const [r] = await env.db.query(
    `SELECT SUM(reduction_mg) AS mg, SUM(points) AS points, COUNT(*) AS n FROM reductions WHERE ${where}`,
  );
  return { mg: Number(r.mg), points: Number(r.points), n: Number(r.n) };
}

it('shows the bureau totals equal to the credited reductions of the events pushed, by district', async () => {
  const all = await credited();
  expect(all.n).toBe(4);
  const res = await get(
    `/v1/programs/shenzhen/dashboards/reductions?from=${day}&to=${day}&groupBy=district`,
    bureau,
  ).expect(200);
  const rows = res.body.rows as {
    key: string;
    reductionMg: string;
    points: string;
    events: string;
  }[];
  expect(rows.map((r) => r.key).sort()).toEqual(['440305', '440306']);
  expect(rows.reduce((s, r) => s + Number(r.reductionMg), 0)).toBe(all.mg);
  expect(rows.reduce((s, r) => s + Number(r.points), 0)).toBe(all.points);
  const nanshan = await credited("district = '440305'");
  expect(rows[0]).toMatchObject({ key: '440305', reductionMg: String(nanshan.mg), events: '3' });
  const week = await get(
    `/v1/programs/shenzhen/dashboards/reductions?from=${day}&to=${day}&period=week`,
    bureau,
  ).expect(200);
  expect(Number(week.body.rows[0].reductionMg)).toBe(all.mg);
});

it('counts active residents distinctly per period, and per operator', async () => {
  const res = await get(
    `/v1/programs/shenzhen/dashboards/active-residents?from=${day}&to=${day}&period=month`,
    bureau,
  ).expect(200);
  expect(res.body.rows).toEqual([{ periodStart: `${day.slice(0, 7)}-01`, residents: 2 }]);
  const mine = await get(
    `/v1/programs/shenzhen/participants/map-app/dashboards/active-residents?from=${day}&to=${day}`,
    bureau,
  ).expect(200);
  expect(mine.body.rows).toEqual([{ periodStart: day, residents: 1 }]);
});

it("shows an operator its own share only, and refuses another's", async () => {
  const metro = await credited(`operator_id = ${env.operators.metro.participant.id}`);
  const res = await get(
    `/v1/programs/shenzhen/participants/metro/dashboards/reductions?from=${day}&to=${day}&groupBy=operator`,
    metroKey,
  ).expect(200);
  expect(res.body.rows).toEqual([
    { key: 'metro', reductionMg: String(metro.mg), points: String(metro.points), events: '3' },
  ]);
  await get(
    `/v1/programs/shenzhen/participants/map-app/dashboards/reductions?from=${day}&to=${day}`,
    metroKey,
  ).expect(404);
  await get(`/v1/programs/shenzhen/dashboards/reductions?from=${day}&to=${day}`, metroKey).expect(
    403,
  );
  const other = await get(
    `/v1/programs/shenzhen/participants/metro/dashboards/reductions?from=${day}&to=${day}&operator=map-app`,
    metroKey,
  ).expect(422);
  expect(JSON.stringify(other.body)).toContain('operator');
});

it("drills down from a bar to its records and exports the chart's data as CSV", async () => {
  const records = await get(
    `/v1/programs/shenzhen/dashboards/reductions/records?from=${day}&to=${day}&district=440305&limit=2`,
    bureau,
  ).expect(200);
  expect(records.body.items).toHaveLength(2);
  expect(records.body.items.every((r: { district: string }) => r.district === '440305')).toBe(true);
  expect(JSON.stringify(records.body)).not.toMatch(/rita|sam|resident/);
  const next = await get(
    `/v1/programs/shenzhen/dashboards/reductions/records?from=${day}&to=${day}&district=440305&limit=2&before=${records.body.next}`,
    bureau,
  ).expect(200);
  expect(next.body).toMatchObject({ next: null });
  expect(next.body.items).toHaveLength(1);
  const csv = await get(
    `/v1/programs/shenzhen/dashboards/reductions?from=${day}&to=${day}&groupBy=district&format=csv`,
    bureau,
  ).expect(200);
  expect(csv.headers['content-type']).toMatch(/text\/csv/);
  expect(csv.text.split('\r\n')[0]).toBe('key,reductionMg,points,events');
  expect(csv.text.split('\r\n')).toHaveLength(4);
});

it('shows points issued per issuer equal to the ledger', async () => {
  const res = await get(
    `/v1/programs/shenzhen/dashboards/points?from=${day}&to=${chinaDay(new Date())}`,
    bureau,
  ).expect(200);
  const issued = res.body.rows.reduce(
    (s: number, r: { issued: string }) => s + Number(r.issued),
    0,
  );
  expect(issued).toBe((await credited("points_status = 'credited'")).points);
});

it('refuses a bad range naming the field', async () => {
  const res = await get(
    `/v1/programs/shenzhen/dashboards/reductions?from=${day}&to=2020-01-01`,
    bureau,
  ).expect(422);
  expect(JSON.stringify(res.body)).toContain('to');
});

it('passes ledger:check, and fails it naming a tampered rollup row; rebuild --replace mends it', async () => {
  expect(await env.ledgerCheck()).toMatchObject({ ok: true });
  await env.db.query(
    "UPDATE reporting_reductions SET reduction_mg = reduction_mg + 1 WHERE period_kind = 'day' AND district = '440306'",
  );
  const check = await env.ledgerCheck();
  expect(check.ok).toBe(false);
  expect(check.violation).toMatchObject({ invariant: 'rollups' });
  expect(check.violation!.rows[0]).toMatchObject({
    table: 'reporting_reductions',
    key: expect.stringContaining(`day ${day} metro ${env.operators.metro.participant.id} 440306`),
  });
  // The built CLI (npm test builds first), on this test's database.
  const cli = (args: string[]) =>
    spawnSync(process.execPath, [join(__dirname, '../../dist/cli/main.js'), ...args], {
      env: { PATH: process.env.PATH, ...env.api.db.env } as NodeJS.ProcessEnv,
      encoding: 'utf8',
      timeout: 60_000,
    });
  const compared = cli(['reporting:rebuild', '--program', 'shenzhen']);
  expect(compared.status).toBe(2);
  expect(compared.stdout).toMatch(/differs: reporting_reductions day .* 440306/);
  const replaced = cli(['reporting:rebuild', '--program', 'shenzhen', '--replace']);
  expect(replaced.stdout).toMatch(/replaced: \d+ rows differed, 0 now/);
  expect(replaced.status).toBe(0);
  expect(await env.ledgerCheck()).toMatchObject({ ok: true });
});
