/**
 * consumeRedemptionCode, as the hold step will call it, in real transactions on the real database:
 * single use under concurrency, the same 401 for every dead code, the merchant binding and the cap.
 */
import { DataSource } from 'typeorm';
import { consumeRedemptionCode } from '../../src/redemption/services/code-consumption';
import { RedemptionCodesService } from '../../src/redemption/services/redemption-codes.service';
import { ParticipantsStore } from '../../src/tenancy/services/participants-store';
import { startTestApi, TestApi } from '../support/test-app';
import { seedTenancy, TenancyFixture } from '../support/tenancy-fixtures';
import { presentCode, signedIn, SignedInResidentFixture } from '../support/redemption-fixtures';

let api: TestApi;
let t: TenancyFixture;
let mei: SignedInResidentFixture;
let otherMerchantId: number;

beforeAll(async () => {
  api = await startTestApi('code_consumption');
  t = await seedTenancy(api.app);
  mei = await signedIn(api.app, t.a.program, 'mei');
  const bakery = await api.app
    .get(ParticipantsStore)
    .create(t.a.program.id, { code: 'alpha-bakery', name: 'bakery', roles: ['merchant'] });
  otherMerchantId = bakery.id;
});
afterAll(() => api.close());

const newCode = async (input: { merchant?: string; maxPoints?: number } = {}) =>
  api.app
    .get(RedemptionCodesService)
    .create({ residentId: mei.id, programId: t.a.program.id, sessionId: 'test' }, input);
const present = (code: string, points = 100, merchantId = t.a.merchant.id) =>
  presentCode(api.app, t.a.program.id, code, merchantId, points);
const statusOf = async (id: string): Promise<string> =>
  (
    await api.app
      .get(RedemptionCodesService)
      .find({ residentId: mei.id, programId: t.a.program.id, sessionId: 'test' }, id)
  ).status;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('answers the resident the code consents for, once; every dead or wrong code gets one and the same 401', async () => {
  const { id, code } = await newCode();
  expect(await present(code.toLowerCase())).toBe(mei.id);
  expect(await statusOf(id)).toBe('used');
  const refusals = [];
  for (const presented of [code, 'RC' + 'A'.repeat(32), 'garbage']) {
    refusals.push(await present(presented).catch((e: Error) => e));
  }
  const otherProgram = await newCode();
  refusals.push(
    await presentCode(api.app, t.b.program.id, otherProgram.code, t.a.merchant.id, 1).catch(
      (e: Error) => e,
    ),
  );
  for (const refused of refusals)
    expect(refused).toMatchObject({
      httpStatus: 401,
      code: 'resident_token_invalid',
      message: (refusals[0] as Error).message,
    });
  expect(await statusOf(otherProgram.id)).toBe('active');
});

it('refuses a code bound to another merchant with the same 401 and keeps it for its own merchant', async () => {
  const { id, code } = await newCode({ merchant: t.a.merchant.code });
  await expect(present(code, 10, otherMerchantId)).rejects.toMatchObject({
    httpStatus: 401,
    code: 'resident_token_invalid',
  });
  expect(await statusOf(id)).toBe('active');
  expect(await present(code, 10, t.a.merchant.id)).toBe(mei.id);
});

it('refuses an amount over the cap, or no whole positive amount, with 422 naming points and keeps the code', async () => {
  const { id, code } = await newCode({ maxPoints: 300 });
  await expect(present(code, 301)).rejects.toMatchObject({
    httpStatus: 422,
    field: 'points',
  });
  for (const points of [0, -5, 2.5])
    await expect(present(code, points)).rejects.toMatchObject({ httpStatus: 422, field: 'points' });
  expect(await statusOf(id)).toBe('active');
  expect(await present(code, 300)).toBe(mei.id);
});

it('leaves the code unused when the caller rolls its transaction back', async () => {
  const { id, code } = await newCode();
  await expect(
    api.app.get(DataSource).transaction(async (em) => {
      await consumeRedemptionCode(em, t.a.program.id, code, t.a.merchant.id, 5);
      throw new Error('the hold failed');
    }),
  ).rejects.toThrow('the hold failed');
  expect(await statusOf(id)).toBe('active');
  expect(await present(code, 5)).toBe(mei.id);
});

it('lets exactly one of many concurrent transactions consume a code', async () => {
  const { id, code } = await newCode();
  const contenders = 6;
  let begun = 0;
  const results = await Promise.allSettled(
    Array.from({ length: contenders }, () =>
      api.app.get(DataSource).transaction(async (em) => {
        // Every transaction is open before any presents the code, and the winner holds its row
        // lock a while before committing, so the others really wait on it.
        await em.query('SELECT 1');
        begun += 1;
        while (begun < contenders) await sleep(5);
        const residentId = await consumeRedemptionCode(
          em,
          t.a.program.id,
          code,
          t.a.merchant.id,
          5,
        );
        await sleep(200);
        return residentId;
      }),
    ),
  );
  const won = results.filter((r) => r.status === 'fulfilled');
  expect(won).toEqual([{ status: 'fulfilled', value: mei.id }]);
  for (const r of results.filter((r) => r.status === 'rejected'))
    expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'resident_token_invalid' });
  expect(await statusOf(id)).toBe('used');
});
