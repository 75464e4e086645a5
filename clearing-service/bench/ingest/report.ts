import type { FloorResult } from './floor';
import type { MachineFacts } from '../shared/machine-load';
import { commandLine, recordRun } from '../shared/results-file';

export interface BenchReport {
  command: string;
  quick: boolean;
  /** Worker processes the run started, and the crediting lanes of each. */
  workers: number;
  lanes: number;
  machine: MachineFacts;
  residents: number;
  /** Cores used per process during each phase. */
  cpu: Record<string, Record<string, number>>;
  /** The floor's milliseconds per 500-event transaction, by statement. */
  floorTimings?: Record<string, number>;
  /** MariaDB's global counters over the throughput phase. */
  mysql?: Record<string, number>;
  phases: {
    latency?: {
      rate: number;
      requests: number;
      p50: number;
      p99: number;
      max: number;
      p99Scheduled: number;
      errors: number;
    };
    lag?: {
      rate: number;
      events: number;
      p50: number;
      p99: number;
      max: number;
      visibleP99: number;
      drained: boolean;
      acceptP99: number;
      errors: number;
    };
    throughput?: {
      accepted: number;
      /** Over the flat-out part, before ingestion first held back for the worker. */
      acceptedPerS: number;
      flatOutS: number;
      /** Once held back: ingestion at the worker's pace. */
      gatedAcceptedPerS: number;
      creditedPerS: number;
      windowS: number;
      drainPerS: number;
      drained: boolean;
      backlogAtEnd: number;
      statuses: Record<string, number>;
      requestP50: number;
      requestP99: number;
      errors: number;
    };
    floor?: FloorResult;
  };
}

export const TARGETS = { creditedPerS: 5000, acceptP99Ms: 50, lagP99Ms: 2000 };

const n = (x: number, digits = 0) =>
  Number.isFinite(x)
    ? x.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : 'n/a';

interface Row {
  metric: string;
  target: string;
  measured: string;
  verdict: string;
}

function rows(r: BenchReport): Row[] {
  const t = r.phases.throughput!;
  const l = r.phases.latency!;
  const g = r.phases.lag!;
  const f = r.phases.floor!;
  const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
  return [
    {
      metric: `(a) events accepted/s, batch endpoint (1000/batch), flat out (${t.flatOutS.toFixed(0)} s)`,
      target: '—',
      measured: n(t.acceptedPerS),
      verdict: '',
    },
    {
      metric: `(a) events credited/s sustained while ingesting (${t.windowS.toFixed(0)} s)`,
      target: `≥ ${n(TARGETS.creditedPerS)}`,
      measured: n(t.creditedPerS),
      verdict: verdict(t.creditedPerS >= TARGETS.creditedPerS),
    },
    {
      metric: '(a) worker drain rate once ingestion stopped',
      target: '—',
      measured: `${n(t.drainPerS)}/s`,
      verdict: '',
    },
    {
      metric: `(b) accept latency p50 / p99, ${n(l.rate)} single posts/s`,
      target: `p99 ≤ ${TARGETS.acceptP99Ms} ms`,
      measured: `${n(l.p50, 1)} / ${n(l.p99, 1)} ms`,
      verdict: verdict(l.p99 <= TARGETS.acceptP99Ms && l.rate >= 950),
    },
    {
      metric: `(c) credit lag p50 / p99 (processed_at − received_at), ${n(g.rate)} events/s`,
      target: `p99 ≤ ${n(TARGETS.lagP99Ms)} ms`,
      measured: `${n(g.p50)} / ${n(g.p99)} ms`,
      verdict: verdict(g.p99 <= TARGETS.lagP99Ms && g.rate >= 1900),
    },
    {
      metric: '(d) floor: bare mysql2, same durable writes, 500/txn',
      target: '—',
      measured: `${n(f.perSecond)}/s`,
      verdict: '',
    },
    {
      metric: 'ratio credited / floor',
      target: '—',
      measured: (t.creditedPerS / f.perSecond).toFixed(3),
      verdict: '',
    },
  ];
}

function table(r: BenchReport): string[] {
  const rs = rows(r);
  const out = [
    '| metric | target | measured | |',
    '| --- | --- | --- | --- |',
    ...rs.map((x) => `| ${x.metric} | ${x.target} | ${x.measured} | ${x.verdict} |`),
  ];
  return out;
}

function cpuTable(r: BenchReport): string[] {
  const names = ['api', 'worker', 'mariadb', 'redis', 'bench', 'other'];
  const phases = Object.keys(r.cpu);
  return [
    `| cores used | ${names.join(' | ')} | total |`,
    `| --- | ${names.map(() => '---:').join(' | ')} | ---: |`,
    ...phases.map((p) => {
      const c = r.cpu[p];
      const total = names.reduce((s, k) => s + (c[k] ?? 0), 0);
      return `| ${p} | ${names.map((k) => (c[k] ?? 0).toFixed(2)).join(' | ')} | ${total.toFixed(2)} |`;
    }),
  ];
}

export function printReport(r: BenchReport, say: (line: string) => void): void {
  say('');
  for (const line of table(r)) say(line);
  say('');
  for (const line of cpuTable(r)) say(line);
  say('');
  if (r.mysql) say(mysqlLine(r.mysql));
  for (const line of interpretation(r)) say(line);
}

function mysqlLine(counters: Record<string, number>): string {
  return `MariaDB during (a): ${Object.entries(counters)
    .map(([k, v]) => `${k} ${v.toLocaleString('en')}`)
    .join(', ')}`;
}

/** Facts the figures support, in words; the person reading adds the why (see RESULTS.md). */
export function interpretation(r: BenchReport): string[] {
  const t = r.phases.throughput!;
  const f = r.phases.floor!;
  const c = r.cpu.throughput ?? {};
  const out: string[] = [];
  const busiest = Object.entries(c)
    .filter(([k]) => k !== 'bench' && k !== 'other')
    .sort((a, b) => b[1] - a[1]);
  out.push(
    `Throughput: the worker credited ${n(t.creditedPerS)} events/s while the api accepted ${n(t.acceptedPerS)}/s; ` +
      `the bare-mysql2 floor for the same writes reached ${n(f.perSecond)}/s, so the service runs at ${((100 * t.creditedPerS) / f.perSecond).toFixed(0)} % of the floor. ` +
      `During (a) the cores went to ${busiest.map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ')}, the bench client ${(c.bench ?? 0).toFixed(2)}, other processes ${(c.other ?? 0).toFixed(2)}.`,
  );
  const otherMax = Math.max(...Object.values(r.cpu).map((p) => p.other ?? 0));
  if (otherMax > 0.15)
    out.push(
      `Caution: other processes used up to ${otherMax.toFixed(2)} cores during a phase; this run did not have the machine to itself and its figures are low by about that share.`,
    );
  if ((c.worker ?? 0) > 0.85)
    out.push(
      'The worker used about one full core: it is CPU-bound in Node (one program is credited by one batch at a time), not waiting on MariaDB.',
    );
  if (t.acceptedPerS > t.creditedPerS * 1.1)
    out.push(
      `The api accepts faster than the worker credits: a backlog grows at ${n(t.acceptedPerS - t.creditedPerS)} events/s under flat-out ingestion.`,
    );
  const l = r.phases.latency!;
  out.push(
    `Latency: single posts at ${n(l.rate)}/s answered in p50 ${n(l.p50, 1)} ms, p99 ${n(l.p99, 1)} ms (p99 ${n(l.p99Scheduled, 1)} ms measured from each post's scheduled time).`,
  );
  const g = r.phases.lag!;
  out.push(
    `Lag: at ${n(g.rate)} events/s the worker stamped events processed p99 ${n(g.p99)} ms after they were received; they were visible as committed p99 ≈ ${n(g.visibleP99)} ms after.`,
  );
  return out;
}

/** Records this run: its section in bench/RESULTS.md, its JSON line in bench/results/ingest.jsonl. */
export async function recordResults(r: BenchReport, childWarnings: number): Promise<string[]> {
  const t = r.phases.throughput!;
  const m = r.machine;
  const at = new Date().toISOString();
  const lines = [
    '',
    `## bench:ingest — ${at}${r.quick ? ' (quick)' : ''}`,
    '',
    commandLine(r.command),
    `- machine: nproc ${m.cores} (${m.model}), ${m.memoryGiB.toFixed(1)} GiB memory, ${m.loadBefore.toFixed(2)} cores busy before the run; Node ${m.node}; MariaDB ${m.mariadb}; api, ${r.workers} worker process${r.workers === 1 ? '' : 'es'} (CREDITING_LANES=${r.lanes}), MariaDB, Redis and the load generator all on this machine`,
    `- load: ${r.residents.toLocaleString('en')} simulated residents (metro, bus, bike, walking, electricity; ~1 % redeliveries, ~4 % trips also reported by the map app, 1 % unbound users)`,
    `- decisions in (a): ${Object.entries(t.statuses)
      .map(([k, v]) => `${k} ${v.toLocaleString('en')}`)
      .join(
        ', ',
      )}${childWarnings ? `; the api/worker logged ${childWarnings} warning/error lines` : ''}`,
    '',
    ...table(r),
    '',
    ...cpuTable(r),
    '',
    ...(r.mysql ? [mysqlLine(r.mysql), ''] : []),
    ...(r.floorTimings
      ? [
          `Floor, ms per 500-event transaction by statement: ${Object.entries(r.floorTimings)
            .sort((a, b) => b[1] - a[1])
            .map(([k, v]) => `${k} ${v.toFixed(1)}`)
            .join(', ')}`,
          '',
        ]
      : []),
    `Errors answered to the load generator (HTTP 5xx, refused, network): (a) ${t.errors}, (b) ${r.phases.latency!.errors}, (c) ${r.phases.lag!.errors}.`,
    '',
    ...interpretation(r).map((l) => `- ${l}`),
    '',
    '```text',
    resultLineOf(r),
    '```',
    '',
  ];
  const run = { bench: 'ingest' as const, at, quick: r.quick, resultLine: resultLineOf(r) };
  return recordRun({ ...run, report: { ...r, childWarnings } }, lines);
}

function resultLineOf(r: BenchReport): string {
  const t = r.phases.throughput!;
  const f = r.phases.floor!;
  return `RESULT accepted_per_s=${Math.round(t.acceptedPerS)} credited_per_s=${Math.round(t.creditedPerS)} floor_per_s=${Math.round(f.perSecond)} ratio=${(t.creditedPerS / f.perSecond).toFixed(3)} accept_p99_ms=${r.phases.latency!.p99.toFixed(1)} lag_p99_ms=${Math.round(r.phases.lag!.p99)}`;
}

export { resultLineOf as resultLine };
