// The account page's figures beside the bare Fastify floor and the targets: printed, appended to
// bench/RESULTS.md and to bench/results/account-page.jsonl. A bench never fails on a timing.
import type { Timing } from '../audit/proofs';
import type { MachineFacts } from '../shared/machine-load';
import { recordSection } from '../shared/results-file';
import type { Concurrent } from './load';

export const TARGETS = { pageBytes: 30_000, reqPerS: 1_000, p99Ms: 50 };

export interface Measured {
  sequential: Timing;
  concurrent: Concurrent;
}

export interface AccountPageReport {
  command: string;
  quick: boolean;
  machine: MachineFacts;
  records: number;
  bytes: {
    page: number;
    /** The same page if each receipt carried its leaf data instead of its leaf hash. */
    withLeafData: number;
    checkpoint: number;
  };
  api: Measured;
  /** The api at the same load, every request a page not cached yet. */
  misses: Concurrent;
  floor: Measured;
  /** Cores each process used during the api's concurrent phase. */
  cpu: Record<string, number>;
  profileFile: string | null;
}

const n = (x: number, digits = 0) =>
  x.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const verdict = (ok: boolean) => (ok ? 'meets' : 'misses');

export function table(r: AccountPageReport): string[] {
  const c = r.api.concurrent;
  const f = r.floor.concurrent;
  const rows = [
    [
      `page bytes, ${r.records} records with receipts`,
      `≤ ${n(TARGETS.pageBytes)}`,
      n(r.bytes.page),
      '(same bytes)',
      verdict(r.bytes.page <= TARGETS.pageBytes),
    ],
    [
      '… if receipts carried the leaf data instead of the leaf hash',
      '—',
      n(r.bytes.withLeafData),
      '',
      '',
    ],
    [
      'one request at a time: p50 / p99 ms',
      '—',
      `${n(r.api.sequential.p50, 2)} / ${n(r.api.sequential.p99, 2)}`,
      `${n(r.floor.sequential.p50, 2)} / ${n(r.floor.sequential.p99, 2)}`,
      '',
    ],
    [
      `${c.clients} concurrent clients: req/s`,
      `≥ ${n(TARGETS.reqPerS)}`,
      n(c.reqPerS),
      n(f.reqPerS),
      verdict(c.reqPerS >= TARGETS.reqPerS),
    ],
    [
      `${c.clients} concurrent clients: p50 / p99 ms`,
      `p99 ≤ ${TARGETS.p99Ms}`,
      `${n(c.latency.p50, 1)} / ${n(c.latency.p99, 1)}`,
      `${n(f.latency.p50, 1)} / ${n(f.latency.p99, 1)}`,
      verdict(c.latency.p99 <= TARGETS.p99Ms),
    ],
    [
      `… every request a cache miss: req/s; p50 / p99 ms`,
      '—',
      `${n(r.misses.reqPerS)}; ${n(r.misses.latency.p50, 1)} / ${n(r.misses.latency.p99, 1)}`,
      '',
      '',
    ],
  ];
  return [
    '| metric | target | api | bare Fastify, same bytes | |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((x) => `| ${x.join(' | ')} |`),
  ];
}

export function findings(r: AccountPageReport): string[] {
  const cores = Object.entries(r.cpu)
    .map(([k, v]) => `${k} ${v.toFixed(2)}`)
    .join(', ');
  return [
    `Ratio to the floor at ${r.api.concurrent.clients} clients: ${(r.api.concurrent.reqPerS / r.floor.concurrent.reqPerS).toFixed(2)} of its req/s; ${r.api.concurrent.requests} requests in ${n(r.api.concurrent.seconds, 1)} s.`,
    `Cores during the api's concurrent phase: ${cores}.${(r.cpu.other ?? 0) > 0.15 ? ` Caution: other processes used ${r.cpu.other.toFixed(2)} cores meanwhile (a shared machine).` : ''}`,
    `The page's checkpoint note is ${n(r.bytes.checkpoint)} bytes of it, once.`,
  ];
}

export function resultLine(r: AccountPageReport): string {
  const a = r.api;
  const f = r.floor;
  return `RESULT page_bytes=${r.bytes.page} page_bytes_with_leaf_data=${r.bytes.withLeafData} single_p50_ms=${a.sequential.p50.toFixed(2)} single_p99_ms=${a.sequential.p99.toFixed(2)} c20_req_per_s=${Math.round(a.concurrent.reqPerS)} c20_p99_ms=${a.concurrent.latency.p99.toFixed(1)} floor_single_p50_ms=${f.sequential.p50.toFixed(2)} floor_single_p99_ms=${f.sequential.p99.toFixed(2)} floor_c20_req_per_s=${Math.round(f.concurrent.reqPerS)} floor_c20_p99_ms=${f.concurrent.latency.p99.toFixed(1)} miss_c20_req_per_s=${Math.round(r.misses.reqPerS)} miss_c20_p99_ms=${r.misses.latency.p99.toFixed(1)}`;
}

export function printReport(r: AccountPageReport, say: (line: string) => void): void {
  say('');
  for (const line of table(r)) say(line);
  say('');
  for (const line of findings(r)) say(line);
  if (r.profileFile) say(`CPU profile of the api during (c): ${r.profileFile}`);
}

export async function recordResults(r: AccountPageReport): Promise<string[]> {
  const m = r.machine;
  return recordSection(
    { bench: 'account-page', quick: r.quick, command: r.command, report: r },
    {
      about: [
        `- machine: nproc ${m.cores} (${m.model}), ${m.memoryGiB.toFixed(1)} GiB memory, ${m.loadBefore.toFixed(2)} cores busy before the run; Node ${m.node}; MariaDB ${m.mariadb}; the bench (the load generator), the api and MariaDB on this machine, which is shared with another engineer's work`,
        `- the page: \`GET …/residents/me/account?limit=${r.records}\` as the resident, every record credited and with its receipt; the floor: bare Fastify in its own process returning the same bytes`,
      ],
      table: table(r),
      findings: findings(r),
      resultLine: resultLine(r),
    },
  );
}
