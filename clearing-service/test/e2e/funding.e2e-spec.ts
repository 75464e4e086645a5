/** Prepaid funding: points wait, unfunded, when the block is short; a top-up issues them oldest first. */
import { ApiKeysService } from '../../src/tenancy/services/api-keys.service';
import { StaffUsersService } from '../../src/tenancy/services/staff-users.service';
import { EarnEnv, metroRide } from '../support/earn-env';

let env: EarnEnv;
let admin: string;

beforeAll(async () => {
  env = await EarnEnv.start('funding');
  await env.startWorker();
  const staff = await env.api.app.get(StaffUsersService).createAdmin('funding admin');
  admin = (await env.api.app.get(ApiKeysService).issueForStaff(staff, 't')).token;
});
afterAll(() => env.stop());

const fundingPath = (op: string) => `/v1/programs/${env.program.code}/participants/${op}/funding`;

it('records the reduction at once and issues its points when the operator tops up', async () => {
  await env.bindResident('wx-hana', env.operators.bike, 'hana');
  // 6000 m by shared bike in 20 min: 6000 × 33880 / 1000 = 203280 mg → 20 points (3280 mg carried).
  await env
    .push(
      env.operators.bike,
      metroRide('bk-1', 'hana', { behaviour: 'bike', distanceM: 6000, minutes: 20 }),
    )
    .expect(202);
  // 1000 m: 33880 mg; with the 3280 carried, 37160 mg → 3 points.
  await env
    .push(
      env.operators.bike,
      metroRide('bk-2', 'hana', {
        behaviour: 'bike',
        distanceM: 1000,
        minutes: 10,
        minutesAgo: 30,
      }),
    )
    .expect(202);
  await env.processed();
  expect(await env.statusOf(env.operators.bike, 'bk-1')).toMatchObject({
    status: 'credited',
    reduction_mg: '203280',
    points: '20',
  });

  const before = await env.api
    .http()
    .get(fundingPath('bike'))
    .set('authorization', `Bearer ${admin}`);
  expect(before.body).toEqual({
    operator: 'bike',
    fundingMode: 'prepaid',
    blockPoints: '0',
    issuedPoints: '0',
    unfundedPoints: '23',
    outstandingPoints: '0',
    creditLimitPoints: null,
    creditLimitReached: false,
    reserveFen: '0',
  });

  // 21 points: enough for the first waiting reduction (20) but not the second (3), which keeps waiting.
  const topUp = await env.api
    .http()
    .post(`${fundingPath('bike')}/top-ups`)
    .set('authorization', `Bearer ${admin}`)
    .send({ points: 21, reference: 'pay-001' });
  expect(topUp.status).toBe(201);
  expect(topUp.body).toMatchObject({
    replayed: false,
    released: { reductions: 1, points: '20' },
    funding: { blockPoints: '1', issuedPoints: '20', unfundedPoints: '3' },
  });

  const again = await env.api
    .http()
    .post(`${fundingPath('bike')}/top-ups`)
    .set('authorization', `Bearer ${admin}`)
    .send({ points: 21, reference: 'pay-001' });
  expect(again.body).toMatchObject({
    replayed: true,
    funding: { blockPoints: '1', issuedPoints: '20', unfundedPoints: '3' },
  });

  const reused = await env.api
    .http()
    .post(`${fundingPath('bike')}/top-ups`)
    .set('authorization', `Bearer ${admin}`)
    .send({ points: 99, reference: 'pay-001' });
  expect(reused.status).toBe(409);
  expect(reused.body.code).toBe('top_up_reference_reused');

  const more = await env.api
    .http()
    .post(`${fundingPath('bike')}/top-ups`)
    .set('authorization', `Bearer ${admin}`)
    .send({ points: 10, reference: 'pay-002' });
  expect(more.body).toMatchObject({
    released: { reductions: 1, points: '3' },
    funding: { blockPoints: '8', issuedPoints: '23', unfundedPoints: '0' },
  });
  expect(await env.ledgerCheck()).toMatchObject({ ok: true });
});

it('keeps top-up references apart per operator', async () => {
  const { ParticipantsStore } = await import('../../src/tenancy/services/participants-store');
  await env.api.app.get(ParticipantsStore).create(env.program.id, {
    code: 'scooter',
    name: 'scooter',
    roles: ['operator'],
    fundingMode: 'prepaid',
  });
  // 'pay-001' was bike's reference above; for another operator it is a new top-up.
  const res = await env.api
    .http()
    .post(`${fundingPath('scooter')}/top-ups`)
    .set('authorization', `Bearer ${admin}`)
    .send({ points: 7, reference: 'pay-001' });
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({
    replayed: false,
    funding: { operator: 'scooter', blockPoints: '7' },
  });
});

it('issues at once, with no block, for a postpaid operator; and refuses it a top-up', async () => {
  const res = await env.api
    .http()
    .post(`${fundingPath('metro')}/top-ups`)
    .set('authorization', `Bearer ${admin}`)
    .send({ points: 5, reference: 'x' });
  expect(res.status).toBe(409);
  expect(res.body.code).toBe('not_prepaid');
});

it('answers 422 naming the field for a bad top-up, writing nothing', async () => {
  const before = await env.footprint();
  const res = await env.api
    .http()
    .post(`${fundingPath('bike')}/top-ups`)
    .set('authorization', `Bearer ${admin}`)
    .send({ points: 0.5, reference: 'bad ref!' });
  expect(res.status).toBe(422);
  expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
    'points',
    'reference',
  ]);
  expect(await env.footprint()).toEqual(before);
});

it('takes concurrent top-ups while the worker credits the same program: each once, none refused', async () => {
  const riders = Array.from({ length: 8 }, (_, i) => `rider-${i}`);
  for (const user of riders) await env.bindResident(`wx-${user}`, env.operators.bike, user);
  const before = await env.api
    .http()
    .get(fundingPath('bike'))
    .set('authorization', `Bearer ${admin}`);
  const rides = riders.map((user, i) =>
    env.push(
      env.operators.bike,
      metroRide(`race-${i}`, user, { behaviour: 'bike', distanceM: 3000, minutes: 15 }),
    ),
  );
  // Twelve top-ups at once, beside the crediting those rides start: the audit head is locked by
  // all of them, and no one of them may be a deadlock's victim answered with a 500.
  const topUps = Array.from({ length: 12 }, (_, i) =>
    env.api
      .http()
      .post(`${fundingPath('bike')}/top-ups`)
      .set('authorization', `Bearer ${admin}`)
      .send({ points: 10, reference: `race-${i}` }),
  );
  const [rideAnswers, topUpAnswers] = await Promise.all([Promise.all(rides), Promise.all(topUps)]);
  expect(rideAnswers.map((r) => r.status)).toEqual(riders.map(() => 202));
  expect(topUpAnswers.map((r) => r.status)).toEqual(topUps.map(() => 201));
  await env.processed();
  const after = await env.api
    .http()
    .get(fundingPath('bike'))
    .set('authorization', `Bearer ${admin}`);
  // 120 points more went into the block (or on to the riders): issued + block grew by exactly 120.
  const total = (b: { blockPoints: string; issuedPoints: string }) =>
    BigInt(b.blockPoints) + BigInt(b.issuedPoints);
  expect(total(after.body) - total(before.body)).toBe(120n);
});
