// The bench's table, findings and RESULT line, and the section it appends to bench/RESULTS.md.
import type { MachineFacts } from '../shared/machine-load';
import { recordSection } from '../shared/results-file';
import type { ApiPhases } from './api-phase';
import type { ClearResult } from './clear';
import type { Dataset } from './dataset';
import type { FloorResult } from './floor';
import { percentile } from './load';
import { type ClearingFigures, resultLine, TARGETS, verdicts } from './result-line';
import type { DatasetPlan } from './shape';

export interface ClearingBenchReport {
  command: string;
  quick: boolean;
  machine: MachineFacts;
  plan: DatasetPlan;
  dataset: Omit<Dataset, 'env'>;
  clear: ClearResult;
  floor: FloorResult;
  api: ApiPhases;
  cpu: Record<string, number>;
}

const fmt = (x: number, digits = 0) =>
  x.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export function figuresOf(r: ClearingBenchReport): ClearingFigures {
  const { sustained, at500, sweeper } = r.api;
  return {
    clearS: r.clear.totalMs / 1000,
    floorS: r.floor.ms.total / 1000,
    rssMb: r.clear.maxRssMb,
    holdsCapturesPerS: sustained.operations / sustained.seconds,
    p99MsAt500: percentile(at500.latencies, 99),
    sweeperLagP99S: sweeper.swept < sweeper.holds ? NaN : percentile(sweeper.lagsS, 99),
  };
}

export function reportLines(r: ClearingBenchReport): {
  table: string[];
  findings: string[];
  result: string;
} {
  const f = figuresOf(r);
  const v = verdicts(f);
  const { clear, floor, api } = r;
  const n = r.plan.captures;
  const perS = (l: { operations: number; seconds: number }) => l.operations / l.seconds;
  const pairsPerS = (l: { pairs: number; seconds: number }) => l.pairs / l.seconds;
  const p = (l: { latencies: number[] }, q: number) => fmt(percentile(l.latencies, q), 1);
  const table = [
    '| metric | target | measured | |',
    '| --- | --- | --- | --- |',
    `| (1) clear one cycle of ${fmt(n)} captures + ${fmt(r.dataset.counts.refunds)} refunds (${fmt(r.dataset.counts.lines)} lines, ${fmt(r.dataset.counts.pairs)} pairs): close + aggregate/net + issue (注销, ${fmt(clear.files.n)} files, leaves) + CycleCheck | ≤ ${TARGETS.clearS} s | ${fmt(f.clearS, 2)} s | ${v.clearS} |`,
    `| … close / aggregate + net / issue / check | — | ${fmt(clear.ms.close)} / ${fmt(clear.ms.aggregate)} / ${fmt(clear.ms.issue)} / ${fmt(clear.ms.check)} ms | |`,
    `| … peak RSS of the clearing process (Nest context included: ${fmt(clear.rssBeforeMb)} MB before the clear) | ≤ ${TARGETS.rssMb} MB | ${fmt(clear.maxRssMb)} MB | ${v.rssMb} |`,
    `| (1) floor: bare mysql2, the same aggregate, inserts, 注销 postings, ${fmt(floor.lines)} file lines and files, leaves | — | ${fmt(f.floorS, 2)} s (aggregate ${fmt(floor.ms.aggregate)}, net ${fmt(floor.ms.net)}, 注销 ${fmt(floor.ms.cancel)}, files ${fmt(floor.ms.files)} ms) | |`,
    `| ratio floor / clear | — | ${fmt(f.floorS / f.clearS, 3)} | |`,
    `| (2a) the audit-log head's ceiling: lock + one leaf + commit, ${api.head.connections} connections | — | ${fmt(api.head.transactionsPerS)} transactions/s | |`,
    `| (2c) holds + captures through the api, sustained (${api.concurrency} pairs at once, ${fmt(api.sustained.seconds, 0)} s): operations/s (pairs/s) | ≥ ${fmt(TARGETS.holdsCapturesPerS)}/s | ${fmt(perS(api.sustained))}/s (${fmt(pairsPerS(api.sustained))} pairs/s) | ${v.holdsCapturesPerS} |`,
    `| (2b) floor: bare Fastify, the same requests, sustained | — | ${fmt(perS(api.floorSustained))}/s (${fmt(pairsPerS(api.floorSustained))} pairs/s) | |`,
    `| (2c) hold and capture latency at 500 operations/s offered: p50 / p99 | p99 ≤ ${TARGETS.p99MsAt500} ms | ${p(api.at500, 50)} / ${p(api.at500, 99)} ms | ${v.p99MsAt500} |`,
    `| (2b) floor at 500/s: p50 / p99 | — | ${p(api.floorAt500, 50)} / ${p(api.floorAt500, 99)} ms | |`,
    `| (3) sweeper lag, expires_at → released (${fmt(api.sweeper.swept)} of ${fmt(api.sweeper.holds)} holds expiring at ${api.sweeper.perS}/s${api.sweeper.failed ? `, ${api.sweeper.failed} holds failed` : ''}): p50 / p99 | p99 ≤ ${TARGETS.sweeperLagP99S} s | ${fmt(percentile(api.sweeper.lagsS, 50), 2)} / ${fmt(percentile(api.sweeper.lagsS, 99), 2)} s | ${v.sweeperLagP99S} |`,
  ];
  const findings = [
    `Dataset ${r.dataset.name}: ${r.dataset.reused ? 'reused' : 'built in this run'}; its captures were made by HoldsService.holdFor + capture (+ refund), in process, ${fmt(r.dataset.opsPerS)} operations/s over ${fmt(r.dataset.buildSeconds)} s.`,
    `Errors answered to the load generator: sustained ${api.sustained.errors} (${JSON.stringify(api.sustained.statuses)}), at 500/s ${api.at500.errors} (${JSON.stringify(api.at500.statuses)}).`,
    `CycleCheck: ${clear.check.ok ? 'passed' : `FAILED: ${clear.check.failure}`} (${clear.check.checked.join('; ')}).`,
    `The api and the worker logged ${api.logged.length} warning/error lines${
      api.logged.length
        ? `; the last: ${api.logged
            .slice(-3)
            .map((l) => l.slice(0, 300))
            .join(' | ')}`
        : ''
    }.`,
    `Cores during the clear: ${Object.entries(r.cpu)
      .map(([k, c]) => `${k} ${fmt(c, 2)}`)
      .join(', ')}.`,
  ];
  return { table, findings, result: resultLine(f) };
}

export function printReport(r: ClearingBenchReport, say: (s: string) => void): string {
  const { table, findings, result } = reportLines(r);
  for (const l of [...table, '', ...findings.map((x) => `- ${x}`)]) say(l);
  return result;
}

export function recordResults(r: ClearingBenchReport, about: string[]): Promise<string[]> {
  const { table, findings, result } = reportLines(r);
  return recordSection(
    {
      bench: 'clearing',
      quick: r.quick,
      command: r.command,
      report: {
        ...r,
        api: {
          ...r.api,
          sustained: undefined,
          at500: undefined,
          floorSustained: undefined,
          floorAt500: undefined,
        },
      },
    },
    { about, table, findings, resultLine: result },
  );
}
