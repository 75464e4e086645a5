// `npm run bench:dashboards`: every dashboard query through the HTTP API on 10^7 reductions
// (prepared once, kept in reporting_bench_dashboards), next to the same figures computed from the
// raw reductions; then what keeping the rollups costs bench:ingest (median credited/s of runs
// alternating with and without them). Flags: --quick (fewer requests, one ingest pair),
// --no-ingest (skip the cost runs), --no-record (RESULTS.md and results/ untouched).
import { timing } from '../audit/timing';
import { sequential } from '../account-page/load';
import { connect } from '../ingest/setup';
import { runBench } from '../shared/run-bench';
import { startScript, stopChild, waitForReady, type Child } from '../shared/processes';
import { recordRun } from '../shared/results-file';
import { ingestRun, median, type IngestRun } from './ingest-cost';
import { ENV, FIRST_DAY, LAST_DAY, prepare, REDUCTIONS } from './prepare';
import { rawQueries, timeRaw } from './raw-queries';

const args = process.argv.slice(2);
const known = ['--quick', '--no-ingest', '--no-record'];
const unknown = args.filter((a) => !known.includes(a));
if (unknown.length) {
  process.stderr.write(`unknown option ${unknown.join(' ')}; known: ${known.join(' ')}\n`);
  process.exit(2);
}
const quick = args.includes('--quick');
const PLAN = { requests: quick ? 50 : 300, rawRuns: quick ? 1 : 3, ingestPairs: quick ? 1 : 3 };
const COMMAND = `npm run bench:dashboards${args.length ? ` -- ${args.join(' ')}` : ''}`;
const say = (s: string) => process.stdout.write(`[bench] ${s}\n`);
const children: Child[] = [];

function dashboardPaths(program: string, operator: string): Record<string, string> {
  const year = `from=${FIRST_DAY}&to=${LAST_DAY}`;
  const base = `/v1/programs/${program}/dashboards`;
  const mine = `/v1/programs/${program}/participants/${operator}/dashboards`;
  return {
    'reductions by day': `${base}/reductions?${year}&period=day`,
    'reductions by week': `${base}/reductions?${year}&period=week`,
    'reductions by month': `${base}/reductions?${year}&period=month`,
    'reductions by district': `${base}/reductions?${year}&groupBy=district`,
    'reductions by behaviour, one district': `${base}/reductions?${year}&groupBy=behaviour&district=440305`,
    'reductions by operator': `${base}/reductions?${year}&groupBy=operator`,
    'one operator by behaviour': `${mine}/reductions?${year}&groupBy=behaviour`,
    'reductions by district as CSV': `${base}/reductions?${year}&groupBy=district&format=csv`,
    'active residents by day': `${base}/active-residents?${year}&period=day`,
    'active residents by month': `${base}/active-residents?${year}&period=month`,
    'one operator’s active residents by week': `${mine}/active-residents?${year}&period=week`,
    'points per issuer': `${base}/points?${year}`,
    'cycle positions': `${base}/cycles`,
    // Not the drill-down (reductions/records): it pages the raw reductions, which have no index on
    // their time, and at 10^7 rows it runs into the api's statement limit (503); see README.
  };
}

runBench({
  say,
  children,
  interrupted: 'stopping the api (the prepared database is kept)',
  cleanup: async () => {
    for (const c of children) await stopChild(c);
  },
  async main() {
    say(`preparing ${REDUCTIONS.toLocaleString('en')} reductions (kept between runs)`);
    const prepared = await prepare(say);
    say(
      prepared.preparedNow
        ? `  prepared in ${prepared.prepareSeconds.toFixed(0)} s`
        : '  kept from an earlier run',
    );
    const api = startScript('api', 'dist/main.api.js', ENV);
    children.push(api);
    const base = `http://127.0.0.1:${ENV.HTTP_PORT}`;
    await waitForReady(base, children);
    const headers = { authorization: `Bearer ${prepared.bureauKey}` };
    const lines: string[] = [];
    const row = (name: string, p50: number, p99: number) =>
      `| ${name} | ${p50.toFixed(1)} | ${p99.toFixed(1)} |`;
    lines.push(
      '| dashboard query (HTTP, one at a time) | p50 ms | p99 ms |',
      '| --- | --- | --- |',
    );
    let dashboardP99 = 0;
    for (const [name, path] of Object.entries(dashboardPaths(prepared.programCode, 'op-1'))) {
      const t = await sequential(`${base}${path}`, headers, 5, PLAN.requests);
      dashboardP99 = Math.max(dashboardP99, t.p99);
      lines.push(row(name, t.p50, t.p99));
      say(`  ${name}: p50 ${t.p50.toFixed(1)} ms, p99 ${t.p99.toFixed(1)} ms`);
    }
    await stopChild(api);
    lines.push(
      '',
      '| the same from the raw reductions (SQL) | p50 ms | p99 ms |',
      '| --- | --- | --- |',
    );
    let rawP99 = 0;
    const db = await connect(ENV.DATABASE_URL);
    try {
      for (const [name, sql] of Object.entries(
        rawQueries(prepared.programId, prepared.operatorIds[0]),
      )) {
        const t = timing(await timeRaw(db, sql, PLAN.rawRuns));
        rawP99 = Math.max(rawP99, t.p99);
        lines.push(row(name, t.p50, t.p99));
        say(`  raw ${name}: p50 ${t.p50.toFixed(0)} ms, p99 ${t.p99.toFixed(0)} ms`);
      }
    } finally {
      await db.end();
    }
    const runs: IngestRun[] = [];
    if (!args.includes('--no-ingest'))
      for (let i = 0; i < PLAN.ingestPairs; i++)
        for (const rollups of i % 2 ? (['off', 'on'] as const) : (['on', 'off'] as const)) {
          say(
            `  bench:ingest${quick ? ' --quick' : ''} with rollups ${rollups} (${runs.length + 1} of ${PLAN.ingestPairs * 2})`,
          );
          const r = ingestRun(rollups, quick);
          runs.push(r);
          say(`    credited/s ${r.creditedPerS}`);
        }
    const on = median(runs.filter((r) => r.rollups === 'on').map((r) => r.creditedPerS));
    const off = median(runs.filter((r) => r.rollups === 'off').map((r) => r.creditedPerS));
    const costPct = runs.length ? ((off - on) / off) * 100 : NaN;
    lines.push(
      '',
      `- cost of the rollups: median credited/s of bench:ingest${quick ? ' --quick' : ''}, ${runs.length} runs alternating: with ${on || '—'}, without ${off || '—'} → ${Number.isNaN(costPct) ? 'not measured' : `${costPct.toFixed(1)} %`} (target ≤ 10 %; ≥ 5,000/s with them: ${on >= 5000 ? 'met' : 'MISSED'})`,
      ...runs.map((r) => `  - rollups ${r.rollups}: \`${r.line}\``),
    );
    const result = `RESULT dashboard_p99_ms=${dashboardP99.toFixed(1)} raw_p99_ms=${rawP99.toFixed(0)} rollup_cost_pct=${Number.isNaN(costPct) ? 'nan' : costPct.toFixed(1)}`;
    const at = new Date().toISOString();
    const section = [
      `## bench:dashboards — ${at}`,
      '',
      `- command: \`${COMMAND}\``,
      `- data: ${REDUCTIONS.toLocaleString('en')} reductions, ${FIRST_DAY} to ${LAST_DAY} × 9 districts × 5 behaviours × 5 operators, database reporting_bench_dashboards (kept); the api on 127.0.0.1:${ENV.HTTP_PORT}; a shared 2-core machine`,
      `- target: every dashboard query p99 ≤ 100 ms (measured: worst ${dashboardP99.toFixed(1)} ms)`,
      '',
      ...lines,
      '',
      result,
    ];
    for (const l of section) process.stdout.write(`${l}\n`);
    if (!args.includes('--no-record'))
      await recordRun(
        {
          bench: 'dashboards',
          at,
          quick,
          resultLine: result,
          report: { dashboardP99, rawP99, costPct, runs },
        },
        section,
      );
    process.stdout.write(`${result}\n`);
  },
});
