/**
 * The linkage scanner (leaf format 2, docs/private-log.md): no public value links two entries of
 * one resident. A seeded simulated population with habits (the same commute, the same home
 * district, the same operators) pushes 5,000+ events through the signed push; then, through the
 * public HTTP API only, every leaf is flattened into its (path, value) pairs, and no value may
 * appear in two leaves of one resident and in no other resident's leaf. Which leaves are whose is
 * learnt as each resident learns it: from their own session's `residents/me/audit-entries`. Also
 * reports k-anonymity of each resident's most frequent public combination, and checks that the
 * public balances pool residents (no per-resident account). Real MariaDB, Redis, api and worker.
 */
import { decodeBase64, type ResidentEntriesView } from '@tanlian/sdk';
import {
  EventStream,
  Population,
  type OperatorCodes,
  type SimEvent,
} from '../../src/demo/simulator';
import { FundingService } from '../../src/funding/services/funding.service';
import { ResidentSessionsService } from '../../src/residents/services/resident-sessions.service';
import { EarnEnv, type SigningOperator } from '../support/earn-env';

jest.setTimeout(240_000);

const SEED = 20_261_201;
const RESIDENTS = 100;
// Events pushed per resident: at least MIN (some are capped or overlaps, and write no entry), at
// most MAX (the stream redraws busy residents' days). 50+ entries each, 5,000+ in all.
const MIN_EVENTS = 56;
const MAX_EVENTS = 80;
// The stream's clock, pinned: the same events on every run (weekdays, caps and overlaps included).
const NOW = Date.parse('2026-06-01T12:00:00+08:00');
// A window of 90 days, so that a resident with one daily total (electricity only) still has 50+
// days of events. The program's window reaches back from today to the stream's oldest event.
const WINDOW_HOURS = 90 * 24;
const PUSH_BATCH = 500;
// The roles the simulator plays, on the three operators EarnEnv seeds (any operator may report
// any behaviour its methodologies publish; bus rides via the metro operator, electricity via the
// map app).
const CODES: OperatorCodes = {
  metro: 'metro',
  bus: 'metro',
  bike: 'bike',
  mapApp: 'map-app',
  power: 'map-app',
};

let env: EarnEnv;
/** Per simulated resident: their service id and their session token. */
const residents: { index: number; id: number; token: string }[] = [];
let pushed = 0;

beforeAll(async () => {
  env = await EarnEnv.start('linkage_scanner', {
    AUDIT_INTEGRATE_INTERVAL_MS: '100',
    // One crediting lane: the leaves' order, and which rides the caps credit, the same on every run.
    CREDITING_LANES: '1',
  });
  if (Date.now() < NOW) throw new Error('the pinned clock is in the future');
  await env.db.query('UPDATE programs SET acceptance_window_hours = ? WHERE id = ?', [
    Math.ceil((Date.now() - NOW) / 3_600_000) + WINDOW_HOURS + 24,
    env.program.id,
  ]);
  await env.startWorker();
  const byCode = new Map<string, SigningOperator>(
    Object.values(env.operators).map((op) => [op.participant.code, op]),
  );
  const population = new Population({ seed: SEED, residents: RESIDENTS, operators: CODES });
  const ids = new Map<number, number>();
  for (const b of population.bindings()) {
    const id = await env.bindResident(b.openid, byCode.get(b.operator)!, b.user);
    ids.set(b.residentIndex, id);
  }
  const sessions = env.api.app.get(ResidentSessionsService);
  for (const r of population.residents)
    residents.push({
      index: r.index,
      id: ids.get(r.index)!,
      token: (await sessions.open(ids.get(r.index)!)).token,
    });

  const stream = new EventStream(population, {
    seed: SEED,
    runTag: 'lnk',
    now: () => NOW,
    windowHours: WINDOW_HOURS,
    redeliveryShare: 0,
  });
  const userOf = new Map<string, number>();
  for (const r of population.residents)
    for (const a of Object.values(r.accounts)) userOf.set(a!.user, r.index);
  const perResident = new Array<number>(RESIDENTS).fill(0);
  const events: SimEvent[] = [];
  for (let draws = 0; perResident.some((n) => n < MIN_EVENTS); draws++) {
    if (draws > 200_000) throw new Error(`too few events: ${perResident.join(' ')}`);
    const e = stream.next();
    const r = userOf.get(e.event.user)!;
    if (perResident[r] >= MAX_EVENTS) continue;
    events.push(e);
    perResident[r] += 1;
  }

  // In the stream's order, 500 at a time, each operator's share of a slice in one signed push, and
  // each slice processed before the next: which rides of a day the caps and overlaps credit is then
  // the same on every run.
  for (let i = 0; i < events.length; i += PUSH_BATCH) {
    const slice = events.slice(i, i + PUSH_BATCH);
    for (const code of new Set(slice.map((e) => e.operator))) {
      const batch = slice.filter((e) => e.operator === code).map((e) => e.event);
      const res = await env.push(byCode.get(code)!, { events: batch });
      const refused = (res.body.results as { outcome: string }[])
        .filter((r) => r.outcome !== 'accepted')
        .map((r) => JSON.stringify(r));
      expect([res.status, refused]).toEqual([200, []]);
      await env.processed(60_000);
    }
  }
  pushed = events.length;
  // The prepaid bike operator funds its residents' waiting points: their releases are entries too.
  await env.api.app
    .get(FundingService)
    .topUp(env.program, env.operators.bike.participant, { points: 10_000_000, reference: 'lnk-1' });
  await env.sealed(env.program.id, 60_000);
});
afterAll(() => env.stop());

const base = () => `/v1/programs/${env.program.code}`;

interface PublicLeaf {
  index: number;
  body: {
    transaction?: { postings?: { kind: string; asset: string; expiresOn: string }[] } | null;
  };
  /** `path=value` for every scalar of the leaf's JSON body, array indexes left out of the path. */
  values: Set<string>;
}

/** Every leaf of the signed log, over the public `audit/leaves` pages. */
async function publicLeaves(): Promise<PublicLeaf[]> {
  const checkpoint = await env.checkpoint();
  const out: PublicLeaf[] = [];
  for (let start = 0; start < checkpoint.size; start += 1000) {
    const end = Math.min(start + 1000, checkpoint.size);
    const res = await env.api
      .http()
      .get(`${base()}/audit/leaves?start=${start}&end=${end}`)
      .expect(200);
    for (const leaf of res.body.leaves as { index: number; data: string }[]) {
      const data = Buffer.from(decodeBase64(leaf.data)!);
      expect([leaf.index, data[0]]).toEqual([leaf.index, 2]);
      const body = JSON.parse(data.subarray(1).toString('utf8'));
      const values = new Set<string>();
      flatten(body, '', values);
      out.push({ index: leaf.index, body, values });
    }
  }
  expect(out.map((l) => l.index)).toEqual(Array.from({ length: checkpoint.size }, (_, i) => i));
  return out;
}

function flatten(value: unknown, path: string, out: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) flatten(item, path, out);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) flatten(v, path ? `${path}.${k}` : k, out);
  } else {
    out.add(`${path}=${value === null ? 'null' : String(value)}`);
  }
}

/** The leaf indexes of a resident's entries, as their own session lists them. */
async function ownLeaves(token: string): Promise<number[]> {
  const out: number[] = [];
  let after: number | null = 0;
  while (after !== null) {
    const res: { body: ResidentEntriesView } = await env.api
      .http()
      .get(`${base()}/residents/me/audit-entries?after=${after}`)
      .set('authorization', `Bearer ${token}`)
      .expect(200);
    const view = res.body;
    expect(view.unsealed).toBe(0);
    out.push(...view.entries.map((e) => e.leafIndex));
    after = view.next;
  }
  return out;
}

describe('the linkage scanner over the public log', () => {
  let leaves: PublicLeaf[];
  /** Resident index → the leaf indexes of their entries. */
  const owned = new Map<number, number[]>();

  beforeAll(async () => {
    leaves = await publicLeaves();
    for (const r of residents) owned.set(r.index, await ownLeaves(r.token));
  });

  it('has 100 residents with 50+ entries each, every entry owned by one resident only', () => {
    const counts = [...owned.values()].map((l) => l.length);
    const all = [...owned.values()].flat();
    const withPoints = all.filter((i) => leaves[i].body.transaction).length;
    console.log(
      `linkage scanner: ${pushed} events pushed, ${leaves.length} leaves, ${all.length} resident entries ` +
        `(${withPoints} moving points), ${Math.min(...counts)}..${Math.max(...counts)} per resident`,
    );
    expect(owned.size).toBe(RESIDENTS);
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(50);
    expect(withPoints).toBeGreaterThanOrEqual(5000);
    expect(new Set(all).size).toBe(all.length);
  });

  it('finds no public value shared by two entries of one resident and by no other resident', () => {
    // value → resident → that resident's leaves holding it
    const holders = new Map<string, Map<number, number[]>>();
    for (const [resident, indexes] of owned) {
      for (const i of indexes) {
        for (const v of leaves[i].values) {
          const byResident = holders.get(v) ?? new Map<number, number[]>();
          byResident.set(resident, [...(byResident.get(resident) ?? []), i]);
          holders.set(v, byResident);
        }
      }
    }
    const linking: string[] = [];
    for (const [value, byResident] of holders) {
      if (byResident.size !== 1) continue;
      const [[resident, indexes]] = [...byResident];
      if (indexes.length >= 2)
        linking.push(`resident ${resident}: ${value} in leaves ${indexes[0]} and ${indexes[1]}`);
    }
    linking.sort();
    expect(linking).toEqual([]);
  });

  it('reports k-anonymity of each resident’s most frequent public combination', () => {
    const combination = (i: number) =>
      [...leaves[i].values]
        .filter((v) => !v.startsWith('entry.tag=') && !v.startsWith('entry.commitment='))
        .sort()
        .join('\n');
    const residentsOf = new Map<string, Set<number>>();
    const commonest = new Map<number, string>();
    for (const [resident, indexes] of owned) {
      const counts = new Map<string, number>();
      for (const i of indexes) {
        const c = combination(i);
        counts.set(c, (counts.get(c) ?? 0) + 1);
        residentsOf.set(c, (residentsOf.get(c) ?? new Set()).add(resident));
      }
      commonest.set(
        resident,
        [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0],
      );
    }
    const ks = [...commonest.values()].map((c) => residentsOf.get(c)!.size).sort((a, b) => a - b);
    const median =
      ks.length % 2 ? ks[(ks.length - 1) / 2] : (ks[ks.length / 2 - 1] + ks[ks.length / 2]) / 2;
    console.log(
      `linkage scanner: k-anonymity of each resident's most frequent public combination over ` +
        `${ks.length} residents: min ${ks[0]}, median ${median}, max ${ks[ks.length - 1]}`,
    );
    expect(ks).toHaveLength(RESIDENTS);
    expect(ks[0]).toBeGreaterThanOrEqual(1);
  });

  it('lists no per-resident account in the public balances: one owner-less entry per pool', async () => {
    const accounts: {
      kind: string;
      asset: string;
      owner: string | null;
      expiresOn: string | null;
    }[] = [];
    let after: number | null = 0;
    while (after !== null) {
      const res: { body: { accounts: typeof accounts; next: number | null } } = await env.api
        .http()
        .get(`${base()}/audit/balances?after=${after}`)
        .expect(200);
      accounts.push(...res.body.accounts);
      after = res.body.next;
    }
    const resident = accounts.filter((a) => a.kind === 'resident');
    expect(resident.filter((a) => a.owner !== null)).toEqual([]);
    // One entry per (asset, expiry) pool, whatever the number of residents holding a lot in it.
    const listed = resident.map((a) => `${a.asset}|${a.expiresOn}`);
    expect(new Set(listed).size).toBe(listed.length);
    // Resident postings' pools, read from the leaves (each posting's asset with its expiry).
    const pools = new Set<string>();
    for (const l of leaves)
      for (const p of l.body.transaction?.postings ?? [])
        if (p.kind === 'resident') pools.add(`${p.asset}|${p.expiresOn}`);
    expect(pools.size).toBeGreaterThan(0);
    expect(listed.sort()).toEqual([...pools].sort());
  });
});
