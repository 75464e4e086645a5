/**
 * A resident checks their whole account on their own (leaf format 2, docs/private-log.md): the
 * service hands their session their keys and entries with proofs, and @tanlian/sdk verifyAccount
 * finds every entry in the signed log, the chain whole, and the balance their sum; an entry left out
 * or another resident's slipped in fails, naming where. Real MariaDB, Redis, api and worker.
 */
import {
  decodeBase64,
  HttpAuditLogSource,
  verifyAccount,
  verifyAuditLog,
  type ResidentEntriesView,
} from '@tanlian/sdk';
import type { AddressInfo } from 'node:net';
import { ResidentSessionsService } from '../../src/residents/services/resident-sessions.service';
import { ApiKeysService } from '../../src/tenancy/services/api-keys.service';
import { StaffUsersService } from '../../src/tenancy/services/staff-users.service';
import { accountCheckInput } from '../support/account-check-input';
import { EarnEnv, metroRide } from '../support/earn-env';

let env: EarnEnv;
let mei: string;
let kai: string;

beforeAll(async () => {
  env = await EarnEnv.start('account-check', { AUDIT_INTEGRATE_INTERVAL_MS: '100' });
  await env.startWorker();
  const meiId = await env.bindResident('wx-mei', env.operators.metro, 'mei');
  await env.bindResidentTo(meiId, env.operators.bike, 'mei-bike');
  const kaiId = await env.bindResident('wx-kai', env.operators.metro, 'kai');
  const sessions = env.api.app.get(ResidentSessionsService);
  mei = (await sessions.open(meiId)).token;
  kai = (await sessions.open(kaiId)).token;

  // Mei: a reduction without points (100 m), two metro credits, a bike credit that waits for its
  // prepaid operator, and its release by a top-up: five entries. Kai: one.
  await env.push(env.operators.metro, metroRide('m-1', 'mei', { minutesAgo: 300, distanceM: 100 }));
  await env.push(env.operators.metro, metroRide('m-2', 'mei', { minutesAgo: 240 }));
  await env.push(env.operators.metro, metroRide('k-1', 'kai', { minutesAgo: 200 }));
  await env.push(env.operators.metro, metroRide('m-3', 'mei', { minutesAgo: 180 }));
  await env.push(
    env.operators.bike,
    metroRide('b-1', 'mei-bike', { behaviour: 'bike', distanceM: 6000, minutesAgo: 120 }),
  );
  await env.processed();
  const staff = await env.api.app.get(StaffUsersService).createAdmin('account admin');
  const admin = (await env.api.app.get(ApiKeysService).issueForStaff(staff, 't')).token;
  await env.api
    .http()
    .post(`/v1/programs/${env.program.code}/participants/bike/funding/top-ups`)
    .set('authorization', `Bearer ${admin}`)
    .send({ points: 100, reference: 'pay-1' })
    .expect(201);
});
afterAll(() => env.stop());

async function entries(token: string, query = ''): Promise<ResidentEntriesView> {
  const res = await env.api
    .http()
    .get(`/v1/programs/${env.program.code}/residents/me/audit-entries${query}`)
    .set('authorization', `Bearer ${token}`)
    .expect(200);
  return res.body;
}

/** The resident's entries once `count` of them are sealed. */
async function sealed(token: string, count: number): Promise<ResidentEntriesView> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const view = await entries(token);
    if (view.entries.length >= count && view.unsealed === 0) return view;
    if (Date.now() > deadline) throw new Error(`${view.entries.length} of ${count} entries sealed`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** verifyAccount's input from the view, after checking the checkpoint against the log's keys. */
async function checkInput(view: ResidentEntriesView) {
  return accountCheckInput(view, env.program.code, await env.auditKeys());
}

async function displayedLots(token: string) {
  const res = await env.api
    .http()
    .get(`/v1/programs/${env.program.code}/residents/me/account`)
    .set('authorization', `Bearer ${token}`)
    .expect(200);
  return res.body.points.lots.map((l: { issuer: string; expiresOn: string; points: string }) => ({
    asset: `points:${l.issuer}`,
    expiresOn: l.expiresOn,
    points: l.points,
  }));
}

describe("a resident's own check of their account", () => {
  it('passes: every entry in the log, the chain whole, the balance the sum of the entries', async () => {
    const view = await sealed(mei, 5);
    expect(view.entries.map((e) => e.seq)).toEqual([0, 1, 2, 3, 4]);
    const types = view.entries.map(
      (e) => JSON.parse(Buffer.from(decodeBase64(e.leafData)!).subarray(1).toString()).type,
    );
    expect(types).toEqual([
      'reduction_credit',
      'reduction_credit',
      'reduction_credit',
      'reduction_credit',
      'points_release',
    ]);
    const result = verifyAccount({
      ...(await checkInput(view)),
      displayed: await displayedLots(mei),
    });
    expect(result).toMatchObject({ ok: true, count: 5, entriesChecked: 5 });
    if (!result.ok) return;
    expect(result.lots.map((l) => l.asset).sort()).toEqual(['points:bike', 'points:metro']);
  });

  it('fails naming the place when an entry is left out, renumbered or not', async () => {
    const input = await checkInput(await sealed(mei, 5));
    // Renumbered in the answer, the private part (committed) still says 3 where 2 is due.
    const renumbered = input.entries.filter((_, i) => i !== 2).map((e, i) => ({ ...e, seq: i }));
    expect(verifyAccount({ ...input, entries: renumbered })).toMatchObject({
      ok: false,
      step: 'sequence',
      seq: 2,
    });
    const found = verifyAccount({ ...input, entries: input.entries.filter((_, i) => i !== 2) });
    expect(found).toMatchObject({ ok: false, step: 'sequence', seq: 2 });
    expect(found.ok || found.message).toMatch(/entry 2 is missing/);
  });

  it("fails on another resident's entry slipped in, and on a history rolled back", async () => {
    const mine = await checkInput(await sealed(mei, 5));
    const theirs = await checkInput(await sealed(kai, 1));
    // Kai's entry shown as Mei's first: it does not carry her tag.
    expect(verifyAccount({ ...mine, entries: theirs.entries })).toMatchObject({
      ok: false,
      step: 'tag',
      seq: 0,
    });
    const full = verifyAccount(mine);
    if (!full.ok) throw new Error(full.message);
    const previous = { count: full.count, head: full.head };
    expect(verifyAccount({ ...mine, previous })).toMatchObject({ ok: true });
    expect(verifyAccount({ ...mine, entries: mine.entries.slice(0, 4), previous })).toMatchObject({
      ok: false,
      step: 'history',
    });
  });

  it('gives each session only its own entries and keys, and the public log verifies', async () => {
    const a = await sealed(mei, 5);
    const b = await sealed(kai, 1);
    expect(b.entries).toHaveLength(1);
    expect(b.keys[0].key).not.toBe(a.keys[0].key);
    const leavesOfA = new Set(a.entries.map((e) => e.leafIndex));
    expect(b.entries.some((e) => leavesOfA.has(e.leafIndex))).toBe(false);
    // Paging by sequence number.
    const first = await entries(mei, '?limit=2');
    expect([first.entries.map((e) => e.seq), first.next]).toEqual([[0, 1], 2]);
    const rest = await entries(mei, `?after=${first.next}`);
    expect(rest.entries.map((e) => e.seq)).toEqual([2, 3, 4]);
    await env.api
      .http()
      .get(`/v1/programs/${env.program.code}/residents/me/audit-entries?limit=0`)
      .set('authorization', `Bearer ${mei}`)
      .expect(422);
    await env.api
      .http()
      .get(`/v1/programs/${env.program.code}/residents/me/audit-entries`)
      .expect(401);
    // Anyone's check of the same log, releases of prepaid points included.
    await env.api.app.listen(0, '127.0.0.1');
    const { port } = env.api.app.getHttpServer().address() as AddressInfo;
    const source = new HttpAuditLogSource({
      url: `http://127.0.0.1:${port}`,
      program: env.program.code,
    });
    expect(await verifyAuditLog(source, { program: env.program.code })).toMatchObject({
      ok: true,
      discrepancy: null,
    });
  });
});
