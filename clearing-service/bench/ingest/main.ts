// `npm run bench:ingest`: the earn path under a realistic load, api and worker as separate
// processes on this machine, next to the floor (bare mysql2 doing the same durable writes) measured
// in the same run. Flags: --quick (shorter phases, for trying changes), --workers=N and --lanes=L
// (worker processes, one per core by default, as deployed, and CREDITING_LANES of each, 1 by
// default), --profile=api|worker[:a|b|c] (V8 CPU profile
// of that child — the first worker — during one phase, (a) by default; summarise it with
// `node bench/ingest/run.js profile-summary <file>`), --keep-db, --no-record (RESULTS.md untouched).
import { existsSync, mkdirSync } from 'node:fs';
import type { RowDataPacket } from 'mysql2/promise';
import os from 'node:os';
import { join } from 'node:path';
import { machineFacts, sayMachineLoad } from '../shared/machine-load';
import { sizeMariaDb } from '../shared/mariadb-sizing';
import { runBench } from '../shared/run-bench';
import { EventDriver, EventStream, percentile, type DriverStats } from '../../src/demo/simulator';
import type { DecisionMix } from './floor';
import { floorTimings, runFloor } from './floor';
import { CommitPoller, delta, InboxProbe, SecondBuckets, serverCounters } from './measure';
import {
  type Child,
  cpuMeter,
  cpuSeconds,
  pidsOf,
  selfCpuSeconds,
  startChild,
  stopChild,
  waitForReady,
} from '../shared/processes';
import { type BenchReport, printReport, recordResults, resultLine } from './report';
import {
  type BenchDatabase,
  connect,
  createBenchDatabase,
  MYSQL_SERVER,
  stopAndDrop,
} from './setup';

const args = new Set(process.argv.slice(2));
// A mistyped flag or tool name would otherwise start a full five-minute run and record it.
const unknown = [...args].filter(
  (a) =>
    !['--quick', '--keep-db', '--no-record'].includes(a) &&
    !a.startsWith('--profile=') &&
    !a.startsWith('--workers=') &&
    !a.startsWith('--lanes='),
);
if (unknown.length > 0) {
  process.stderr.write(
    `unknown argument ${unknown.join(' ')}: flags are --quick, --workers=N, --lanes=L, --profile=api|worker[:a|b|c], --keep-db, --no-record; ` +
      'tools (node bench/ingest/run.js <tool>) are profile-summary, worker-timing and connection-states\n',
  );
  process.exit(2);
}
const quick = args.has('--quick');
const [profile = null, profilePhase = 'a'] =
  [...args]
    .find((a) => a.startsWith('--profile='))
    ?.split('=')[1]
    .split(':') ?? [];
if (profile && (!['api', 'worker'].includes(profile) || !['a', 'b', 'c'].includes(profilePhase))) {
  process.stderr.write('--profile= takes api or worker, optionally :a, :b or :c (the phase)\n');
  process.exit(2);
}
// Worker processes: a worker's JavaScript runs on one thread, so it is deployed one per core, each
// running one crediting batch at a time (CREDITING_LANES=1): as many batches at once as cores.
const workers = wholeFlag('workers', Math.min(os.availableParallelism(), 8), 'worker processes');
const lanes = wholeFlag('lanes', 1, 'crediting lanes per worker (CREDITING_LANES)');

function wholeFlag(name: string, fallback: number, what: string): number {
  const given = [...args].find((a) => a.startsWith(`--${name}=`));
  const value = given === undefined ? fallback : Number(given.split('=')[1]);
  if (!Number.isInteger(value) || value < 1 || value > 8) {
    process.stderr.write(`--${name}= takes a whole number of ${what} from 1 to 8\n`);
    process.exit(2);
  }
  return value;
}
const scale = quick ? 0.35 : 1;

const PLAN = {
  residents: quick ? 8_000 : 30_000,
  warmup: { rate: 500, ms: 5_000, singlesMs: 5_000 },
  latency: { rate: 1000, ms: 20_000 * scale, inFlight: 256 },
  lag: { rate: 2000, batch: 50, delayMs: 25, ms: 30_000 * scale, inFlight: 64 },
  throughput: {
    batch: 1000,
    inFlight: 6,
    ms: 45_000 * scale,
    maxEvents: Math.round(600_000 * scale),
    maxBacklog: 60_000,
    excludeFirstMs: 5_000,
  },
  drainMs: 30_000,
  floor: { events: Math.round(150_000 * scale), maxMs: 40_000 },
};

const COMMAND = `npm run bench:ingest${process.argv.slice(2).length ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;

function say(text: string): void {
  process.stdout.write(`[bench] ${text}\n`);
}

const fmt = (n: number, digits = 0) =>
  Number.isFinite(n)
    ? n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : 'n/a';

let children: Child[] = [];
let bench: BenchDatabase | null = null;

async function main(): Promise<void> {
  const load = await sayMachineLoad(say);
  await sizeMariaDb(MYSQL_SERVER, say);

  say(`creating and migrating a database, seeding ${fmt(PLAN.residents)} residents`);
  const t0 = Date.now();
  bench = await createBenchDatabase(PLAN.residents);
  const b = bench;
  say(`database ${b.name} ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const profileDir = join(__dirname, '.profiles');
  if (profile && !existsSync(profileDir)) mkdirSync(profileDir);
  const profileFile = (name: string) =>
    profile === name
      ? join(profileDir, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.cpuprofile`)
      : null;
  children = [
    startChild('api', 'main.api.js', b.env, profileFile('api')),
    ...Array.from({ length: workers }, (_, i) =>
      startChild(
        i === 0 ? 'worker' : `worker ${i + 1}`,
        'main.worker.js',
        { ...b.env, CREDITING_LANES: String(lanes) },
        i === 0 ? profileFile('worker') : null,
      ),
    ),
  ];
  const workerChildren = children.slice(1);
  const base = `http://${b.env.HTTP_HOST}:${b.env.HTTP_PORT}`;
  await waitForReady(base, children);
  say(
    `api (pid ${children[0].process.pid}) and ${workers} worker process${workers > 1 ? 'es' : ''} × ${lanes} crediting lane${lanes > 1 ? 's' : ''} (pid ${workerChildren.map((c) => c.process.pid).join(', ')}) ready at ${base}`,
  );

  const db = await connect(b.env.DATABASE_URL);
  const probe = new InboxProbe(db, b.program.id);
  const stream = new EventStream(b.population, { seed: 0xbe7c4 });
  const secrets = Object.fromEntries(
    Object.entries(b.program.operators).map(([code, o]) => [code, o.secret]),
  );
  const mysqlPids = [...pidsOf('mariadbd'), ...pidsOf('mysqld')];
  const redisPids = pidsOf('redis-server');
  const meter = () =>
    cpuMeter({
      api: () => cpuSeconds(children[0].process.pid!),
      worker: () => workerChildren.reduce((s, c) => s + cpuSeconds(c.process.pid!), 0),
      mariadb: () => mysqlPids.reduce((s, p) => s + cpuSeconds(p), 0),
      redis: () => redisPids.reduce((s, p) => s + cpuSeconds(p), 0),
      bench: selfCpuSeconds,
    });
  const driver = (o: Partial<ConstructorParameters<typeof EventDriver>[0]>) =>
    new EventDriver({
      baseUrl: base,
      program: b.program.code,
      secrets,
      next: () => stream.next(),
      batchSize: 1,
      maxInFlight: 8,
      ...o,
    });
  const report: BenchReport = {
    command: COMMAND,
    quick,
    workers,
    lanes,
    machine: machineFacts(
      load,
      String(((await db.query<RowDataPacket[]>('SELECT VERSION() AS v'))[0][0] as { v: string }).v),
    ),
    residents: PLAN.residents,
    cpu: {},
    phases: {},
  } as BenchReport;

  // Warm-up: JIT, connection pools, caches; not measured. Both shapes of post, because a path the
  // JIT has not optimised yet costs the api several times the CPU: without single posts here, (b)
  // spent its first 2-3 s with the api saturated and p99 above a second.
  say(
    `warm-up: ${PLAN.warmup.rate} events/s for ${PLAN.warmup.ms / 1000} s in batches of 20, then ${PLAN.warmup.singlesMs / 1000} s of single-event posts`,
  );
  await driver({
    ratePerSecond: PLAN.warmup.rate,
    durationMs: PLAN.warmup.ms,
    batchSize: 20,
    maxBatchDelayMs: 50,
  }).run();
  await driver({
    ratePerSecond: PLAN.warmup.rate,
    durationMs: PLAN.warmup.singlesMs,
    maxInFlight: PLAN.latency.inFlight,
  }).run();
  await probe.drained(PLAN.drainMs);

  // (b) accept latency: single-event posts at 1,000/s.
  {
    const p = PLAN.latency;
    say(`(b) latency: ${p.rate} single-event posts/s for ${(p.ms / 1000).toFixed(0)} s`);
    const cpu = meter();
    await startProfile('b');
    const bySecond = new SecondBuckets();
    const firstDeliveries: number[] = [];
    const redeliveries: number[] = [];
    const stats = await driver({
      ratePerSecond: p.rate,
      durationMs: p.ms,
      maxInFlight: p.inFlight,
      onRequest: (r) => {
        bySecond.add(r.latencyMs);
        (r.redelivery ? redeliveries : firstDeliveries).push(r.latencyMs);
      },
    }).run();
    await stopProfile('b');
    assertAlive();
    report.cpu.latency = cpu.read();
    const seconds = (stats.endedAt - stats.startedAt) / 1000;
    report.phases.latency = {
      rate: stats.events / seconds,
      requests: stats.requests,
      p50: percentile(stats.latenciesMs, 50),
      p99: percentile(stats.latenciesMs, 99),
      max: percentile(stats.latenciesMs, 100),
      p99Scheduled: percentile(stats.scheduledLatenciesMs, 99),
      errors: errors(stats),
    };
    const l = report.phases.latency;
    say(
      `(b) ${fmt(stats.requests)} posts at ${fmt(l.rate)}/s: p50 ${fmt(l.p50, 1)} ms, p99 ${fmt(l.p99, 1)} ms (from schedule ${fmt(l.p99Scheduled, 1)} ms), max ${fmt(l.max, 0)} ms, ${describeErrors(stats)}`,
    );
    // Where the tail sits in time tells a stall (one bad second) from a steady cost.
    say(
      `    p99 of each second (ms): ${bySecond
        .p99s()
        .map((v) => fmt(v, 0))
        .join(' ')}`,
    );
    // Redeliveries of events being credited wait for the worker's row lock: told apart here.
    say(
      `    first deliveries p50 ${fmt(percentile(firstDeliveries, 50), 1)} / p99 ${fmt(percentile(firstDeliveries, 99), 1)} ms; redeliveries (${fmt(redeliveries.length)}) p50 ${fmt(percentile(redeliveries, 50), 1)} / p99 ${fmt(percentile(redeliveries, 99), 1)} ms`,
    );
    if (!(await probe.drained(PLAN.drainMs, (n) => say(`    draining: ${fmt(n)} waiting`))))
      say('(b) the worker had not caught up when the drain time ran out');
  }

  // (c) credit lag at 2,000 events/s in batches of ~50 every 25 ms.
  {
    const p = PLAN.lag;
    say(
      `(c) lag: ${p.rate} events/s in batches of ≤${p.batch} (every ≤${p.delayMs} ms per operator) for ${(p.ms / 1000).toFixed(0)} s`,
    );
    const before = await probe.maxId();
    const poller = new CommitPoller(probe, 100);
    poller.start();
    const cpu = meter();
    await startProfile('c');
    const stats = await driver({
      ratePerSecond: p.rate,
      durationMs: p.ms,
      batchSize: p.batch,
      maxBatchDelayMs: p.delayMs,
      maxInFlight: p.inFlight,
    }).run();
    await stopProfile('c');
    assertAlive();
    report.cpu.lag = cpu.read();
    const after = await probe.maxId();
    const drained = await probe.drained(PLAN.drainMs, (n) =>
      say(`    draining: ${fmt(n)} waiting`),
    );
    await new Promise((r) => setTimeout(r, 300));
    poller.stop();
    const lags = await probe.lags(before, after, new Date());
    const visible = poller.lags(await probe.receivedAt(before, after));
    const seconds = (stats.endedAt - stats.startedAt) / 1000;
    report.phases.lag = {
      rate: stats.events / seconds,
      events: lags.length,
      p50: percentile(lags, 50),
      p99: percentile(lags, 99),
      max: percentile(lags, 100),
      visibleP99: percentile(visible, 99),
      drained,
      acceptP99: percentile(stats.latenciesMs, 99),
      errors: errors(stats),
    };
    const l = report.phases.lag;
    say(
      `(c) ${fmt(stats.events)} events at ${fmt(l.rate)}/s: credit lag p50 ${fmt(l.p50)} ms, p99 ${fmt(l.p99)} ms, max ${fmt(l.max)} ms (visible after commit: p99 ≈ ${fmt(l.visibleP99)} ms)${drained ? '' : ' — NOT drained in time'}, ${describeErrors(stats)}`,
    );
  }

  // (a) throughput: the batch endpoint as fast as it answers; once the worker's backlog reaches a
  // bound, ingestion only keeps it there, so the worker is measured busy, with the api accepting
  // alongside, for the whole phase (and the queue does not grow without limit).
  {
    const p = PLAN.throughput;
    say(
      `(a) throughput: batches of ${p.batch}, ${p.inFlight} in flight, for ${(p.ms / 1000).toFixed(0)} s; ingestion holds back while more than ${fmt(p.maxBacklog)} events wait for the worker`,
    );
    const before = await probe.maxId();
    const counters = await serverCounters(db);
    const cpu = meter();
    const started = Date.now();
    const phaseEnd = started + p.ms;
    let backlog = 0;
    let gated: { at: number; accepted: number } | null = null;
    const poll = setInterval(() => {
      void probe.backlog().then(
        (n) => (backlog = n),
        () => undefined,
      );
    }, 250);
    const d = driver({
      batchSize: p.batch,
      maxInFlight: p.inFlight,
      durationMs: p.ms,
      maxEvents: p.maxEvents,
      beforeSend: async () => {
        while (backlog > p.maxBacklog && Date.now() < phaseEnd) {
          gated ??= { at: Date.now(), accepted: d.stats.accepted };
          await new Promise((r) => setTimeout(r, 50));
        }
      },
    });
    const ticker = setInterval(() => {
      const secs = (Date.now() - started) / 1000;
      say(
        `    ${secs.toFixed(0)} s: ${fmt(d.stats.accepted)} accepted, ${fmt(backlog)} waiting for the worker`,
      );
    }, 5000);
    await startProfile('a');
    const stats = await d.run();
    clearInterval(ticker);
    clearInterval(poll);
    assertAlive();
    report.cpu.throughput = cpu.read();
    await stopProfile('a');
    report.mysql = delta(counters, await serverCounters(db));
    const sendEnded = new Date(stats.endedAt);
    const after = await probe.maxId();
    const drainStarted = Date.now();
    const drained = await probe.drained(PLAN.drainMs, (n) =>
      say(`    draining: ${fmt(n)} waiting`),
    );
    const drainEnded = new Date();
    const from = new Date(stats.startedAt + p.excludeFirstMs);
    const windowS = (sendEnded.getTime() - from.getTime()) / 1000;
    const credited = await probe.processedBetween(before, after, from, sendEnded);
    const drainedCount = await probe.processedBetween(before, after, sendEnded, drainEnded);
    const statuses = await probe.statuses(before, after);
    const g = gated as { at: number; accepted: number } | null;
    const flatOutS = ((g?.at ?? stats.endedAt) - stats.startedAt) / 1000;
    report.phases.throughput = {
      accepted: stats.accepted,
      acceptedPerS: (g?.accepted ?? stats.accepted) / flatOutS,
      flatOutS,
      gatedAcceptedPerS: g ? (stats.accepted - g.accepted) / ((stats.endedAt - g.at) / 1000) : NaN,
      creditedPerS: credited / windowS,
      windowS,
      drainPerS: drainedCount / Math.max(0.001, (drainEnded.getTime() - drainStarted) / 1000),
      drained,
      backlogAtEnd: drained ? 0 : await probe.backlog(),
      statuses,
      requestP50: percentile(stats.latenciesMs, 50),
      requestP99: percentile(stats.latenciesMs, 99),
      errors: errors(stats),
    };
    const t = report.phases.throughput;
    say(
      `(a) accepted ${fmt(t.acceptedPerS)} events/s flat out (first ${flatOutS.toFixed(1)} s${g ? `, then ${fmt(t.gatedAcceptedPerS)}/s at the worker's pace` : ''}); credited ${fmt(t.creditedPerS)}/s sustained over ${windowS.toFixed(0)} s while ingesting; drain afterwards ${fmt(t.drainPerS)}/s${drained ? '' : ` — ${fmt(t.backlogAtEnd)} still waiting at the drain limit`}; ${describeErrors(stats)}`,
    );
    say(
      `    decisions: ${Object.entries(statuses)
        .map(([k, v]) => `${k} ${fmt(v)}`)
        .join(', ')}`,
    );
  }

  // What the service wrote, to give the floor the same mix and sizes.
  const [[mixRow]] = await db.query<RowDataPacket[]>(
    `SELECT SUM(r.ledger_transaction_id IS NOT NULL) AS with_points, SUM(r.ledger_transaction_id IS NULL) AS without_points,
            AVG(LENGTH(r.formula)) AS formula_chars
       FROM reductions r WHERE r.program_id = ?`,
    [b.program.id],
  );
  const [[statusRow]] = await db.query<RowDataPacket[]>(
    `SELECT SUM(status IN ('capped','overlapping','rejected')) AS no_credit, SUM(status = 'pending_binding') AS waiting
       FROM inbox_events WHERE program_id = ?`,
    [b.program.id],
  );
  const [[leafRow]] = await db.query<RowDataPacket[]>(
    'SELECT AVG(LENGTH(leaf_data)) AS bytes FROM audit_leaves WHERE program_id = ?',
    [b.program.id],
  );
  const [methodologyRows] = await db.query<RowDataPacket[]>(
    "SELECT id, code, version, behaviour FROM methodologies WHERE program_id = ? AND status = 'published'",
    [b.program.id],
  );
  await db.end();

  say('stopping api and worker');
  await Promise.all(children.map((c) => stopChild(c)));
  const warnings = children.flatMap((c) =>
    c.lines
      .filter((l) => /"level":(40|50|60)|error/i.test(l) && !/WECHAT_APP_ID/.test(l))
      .map((l) => `[${c.name}] ${logMessage(l)}`),
  );
  if (warnings.length) {
    const distinct = [...new Set(warnings)];
    say(
      `the children logged ${warnings.length} warnings/errors (of the last 200 lines each); distinct:`,
    );
    for (const w of distinct.slice(0, 5)) say(`    ${w.slice(0, 400)}`);
  }
  for (const c of children)
    if (c.profileFile)
      say(`CPU profile of the ${c.name} during (${profilePhase}): ${c.profileFile}`);

  // (d) the floor, with the machine to itself.
  const mix: DecisionMix = {
    withPoints: Number(mixRow.with_points ?? 0),
    withoutPoints: Number(mixRow.without_points ?? 0),
    noCredit: Number(statusRow.no_credit ?? 0),
    waiting: Number(statusRow.waiting ?? 0),
  };
  {
    const p = PLAN.floor;
    say(
      `(d) floor: bare mysql2, ${fmt(p.events)} events, the same writes in the service's mix (${mixText(mix)})`,
    );
    const cpu = meter();
    const floor = await runFloor({
      connect: () => connect(b.env.DATABASE_URL),
      program: b.floor,
      population: b.population,
      residentIds: b.residentIds,
      methodologies: new Map(
        methodologyRows.map((m) => [
          String(m.behaviour),
          { id: Number(m.id), code: String(m.code), version: Number(m.version) },
        ]),
      ),
      mix,
      leafBytes: Math.round(Number(leafRow.bytes ?? 900)),
      formulaChars: Math.round(Number(mixRow.formula_chars ?? 80)),
      events: p.events,
      maxMs: p.maxMs,
      onProgress: (line) => say(`    ${line}`),
    });
    report.cpu.floor = cpu.read();
    report.phases.floor = floor;
    const perTx = Object.entries(floorTimings)
      .sort((x, y) => y[1] - x[1])
      .map(([k, v]) => `${k} ${(v / floor.transactions).toFixed(1)}`);
    say(`    ms per 500-event transaction: ${perTx.join(', ')}`);
    report.floorTimings = Object.fromEntries(
      Object.entries(floorTimings).map(([k, v]) => [k, v / floor.transactions]),
    );
    say(
      `(d) ${fmt(floor.events)} events credited in ${floor.seconds.toFixed(1)} s = ${fmt(floor.perSecond)}/s (${floor.transactions} transactions; inserts done after ${floor.insertSeconds.toFixed(1)} s)`,
    );
  }

  printReport(report, say);
  if (!args.has('--no-record')) {
    const files = await recordResults(report, warnings.length);
    say(`recorded in ${files.join(' and ')}`);
  }
  process.stdout.write(`${resultLine(report)}\n`);
}

/** A child that died mid-run would make every later figure meaningless: stop here instead. */
function assertAlive(): void {
  const dead = children.find((c) => c.process.exitCode !== null || c.process.signalCode !== null);
  if (dead)
    throw new Error(
      `the ${dead.name} exited during the run (${dead.process.exitCode ?? dead.process.signalCode}): ${dead.lines.slice(-5).join(' | ')}`,
    );
}

/** The profiled child's hook starts the V8 profiler on the first SIGWINCH... */
async function startProfile(phase: string): Promise<void> {
  if (profile && phase === profilePhase)
    children.find((c) => c.name === profile)!.process.kill('SIGWINCH');
}

/** ...and writes it on the second; wait for the file (bounded). */
async function stopProfile(phase: string): Promise<void> {
  if (!profile || phase !== profilePhase) return;
  const child = children.find((c) => c.name === profile)!;
  child.process.kill('SIGWINCH');
  for (let i = 0; i < 100 && !existsSync(child.profileFile!); i++)
    await new Promise((r) => setTimeout(r, 100));
}

/** A pino JSON line → its message (and its error's), for a person to read. */
function logMessage(line: string): string {
  try {
    const j = JSON.parse(line) as { msg?: string; err?: { message?: string }; context?: string };
    return [j.context, j.msg, j.err?.message].filter(Boolean).join(': ');
  } catch {
    return line;
  }
}

function mixText(m: DecisionMix): string {
  const total = m.withPoints + m.withoutPoints + m.noCredit + m.waiting || 1;
  const pct = (x: number) => `${((100 * x) / total).toFixed(0)} %`;
  return `with points ${pct(m.withPoints)}, without ${pct(m.withoutPoints)}, capped/overlapping ${pct(m.noCredit)}, waiting ${pct(m.waiting)}`;
}

function errors(s: DriverStats): number {
  return s.httpErrors + s.networkErrors + s.invalid + s.conflict;
}

function describeErrors(s: DriverStats): string {
  const parts = [
    s.invalid && `${s.invalid} invalid`,
    s.conflict && `${s.conflict} conflicts`,
    s.httpErrors && `${s.httpErrors} HTTP errors`,
    s.networkErrors && `${s.networkErrors} network errors`,
    s.unsent && `${s.unsent} not sent (client behind schedule)`,
  ].filter(Boolean);
  return `${s.redeliveries} redeliveries, ${parts.length ? parts.join(', ') : 'no errors'}${s.errorSamples.length ? ` — e.g. ${s.errorSamples[0]}` : ''}`;
}

function cleanup(): Promise<void> {
  return stopAndDrop(children, bench, args.has('--keep-db'), say);
}

runBench({
  main,
  cleanup,
  say,
  interrupted: 'stopping the children and dropping the database',
  children,
});
