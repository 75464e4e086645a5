// `npm run bench:account-page`: the resident's account page (what every mini-program opening
// reads) next to bare Fastify returning the same bytes, in the same run: (a) the page's bytes,
// (b) one request at a time, (c) 20 concurrent clients, (d) the floor under (b) and (c), and
// (e) 20 clients whose every request misses the api's page cache.
// Flags: --quick (shorter phases), --records=N (default 50), --profile (V8 CPU profile of the api
// during (c); summarise with `node bench/ingest/run.js profile-summary <file>`), --keep-db,
// --no-record (RESULTS.md and results/ untouched).
import type { ResidentAccountView } from '@tanlian/sdk';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { RowDataPacket } from 'mysql2/promise';
import { freePort } from '../audit/context';
import { connect, createBenchDatabase, stopAndDrop, type BenchDatabase } from '../ingest/setup';
import { machineFacts, sayMachineLoad } from '../shared/machine-load';
import { sizeMariaDb } from '../shared/mariadb-sizing';
import { runBench } from '../shared/run-bench';
import {
  cpuMeter,
  cpuSeconds,
  pidsOf,
  selfCpuSeconds,
  startChild,
  startScript,
  waitForReady,
  type Child,
} from '../shared/processes';
import { concurrent, sequential } from './load';
import { creditedResident, type CreditedResident } from './setup';
import { MYSQL_SERVER } from '../ingest/setup';
import {
  printReport,
  recordResults,
  resultLine,
  type AccountPageReport,
  type Measured,
} from './report';

const args = process.argv.slice(2);
const known = ['--quick', '--profile', '--keep-db', '--no-record'];
const unknown = args.filter((a) => !known.includes(a) && !/^--records=\d+$/.test(a));
if (unknown.length) {
  process.stderr.write(
    `unknown option ${unknown.join(' ')}; known: ${known.join(' ')} --records=N\n`,
  );
  process.exit(2);
}
const has = (flag: string) => args.includes(flag);
const quick = has('--quick');
const PLAN = {
  records: Number(args.find((a) => a.startsWith('--records='))?.split('=')[1] ?? 50),
  sequential: quick ? 300 : 2_000,
  clients: 20,
  seconds: quick ? 3 : 10,
  warmupSeconds: quick ? 1 : 3,
};
const COMMAND = `npm run bench:account-page${args.length ? ` -- ${args.join(' ')}` : ''}`;

function say(text: string): void {
  process.stdout.write(`[bench] ${text}\n`);
}

const children: Child[] = [];
let bench: BenchDatabase | null = null;

async function measure(url: string, headers: Record<string, string>): Promise<Measured> {
  const seq = await sequential(url, headers, Math.round(PLAN.sequential / 10), PLAN.sequential);
  say(`    one at a time: p50 ${seq.p50.toFixed(2)} ms, p99 ${seq.p99.toFixed(2)} ms`);
  const conc = await concurrent(url, headers, PLAN.clients, PLAN.seconds, PLAN.warmupSeconds);
  say(
    `    ${PLAN.clients} clients: ${Math.round(conc.reqPerS)} req/s, p50 ${conc.latency.p50.toFixed(1)} ms, p99 ${conc.latency.p99.toFixed(1)} ms`,
  );
  return { sequential: seq, concurrent: conc };
}

/** The page with each receipt's leaf hash swapped for its leaf data, as JSON: what that costs. */
async function withLeafData(page: ResidentAccountView, b: BenchDatabase): Promise<number> {
  const indexes = page.history.flatMap((h) => (h.receipt ? [h.receipt.leafIndex] : []));
  const db = await connect(b.env.DATABASE_URL);
  try {
    const [rows] = await db.query<RowDataPacket[]>(
      'SELECT leaf_index, leaf_data FROM audit_leaves WHERE program_id = ? AND leaf_index IN (?)',
      [b.program.id, indexes],
    );
    const data = new Map(
      rows.map((r) => [Number(r.leaf_index), (r.leaf_data as Buffer).toString('base64')]),
    );
    const variant = {
      ...page,
      history: page.history.map((h) => ({
        ...h,
        receipt: h.receipt && {
          leafIndex: h.receipt.leafIndex,
          leafData: data.get(h.receipt.leafIndex),
        },
      })),
    };
    return Buffer.byteLength(JSON.stringify(variant));
  } finally {
    await db.end();
  }
}

async function startFloor(page: Buffer): Promise<string> {
  const file = join(os.tmpdir(), `bench-account-page-${process.pid}.json`);
  writeFileSync(file, page);
  const port = await freePort();
  const floor = startScript('bare fastify', join(__dirname, 'bare-page-server.js'), {
    PAGE_FILE: file,
    PORT: String(port),
  });
  children.push(floor);
  const base = `http://127.0.0.1:${port}`;
  await waitForReady(base, [floor]);
  return `${base}/page`;
}

let started = false;

/** The first call starts the api's profiler, the second writes its file (shared/profile-hook.js). */
async function profileSignal(api: Child): Promise<void> {
  if (!api.profileFile) return;
  api.process.kill('SIGWINCH');
  // The second signal writes the file: wait for it (bounded).
  for (let i = 0; i < 100 && started && !existsSync(api.profileFile); i++)
    await new Promise((r) => setTimeout(r, 100));
  started = true;
}

async function main(): Promise<void> {
  const load = await sayMachineLoad(say);
  await sizeMariaDb(MYSQL_SERVER, say);
  say(`creating a database: program, five postpaid operators, residents and their bindings`);
  bench = await createBenchDatabase(20);
  const profileDir = join(__dirname, '.profiles');
  if (has('--profile') && !existsSync(profileDir)) mkdirSync(profileDir);
  const profileFile = has('--profile')
    ? join(profileDir, `api-${new Date().toISOString().replace(/[:.]/g, '-')}.cpuprofile`)
    : null;
  const api = startChild('api', 'main.api.js', bench.env, profileFile);
  children.push(api);
  const base = `http://127.0.0.1:${bench.env.HTTP_PORT}`;
  await waitForReady(base, [api]);

  say(`setting up: ${PLAN.records} bus rides pushed through the api, credited by a worker, sealed`);
  const resident: CreditedResident = await creditedResident(
    PLAN.records,
    { child: api, base },
    bench,
    say,
  );
  const headers = { authorization: resident.authorization };
  const url = `${base}${resident.path}`;

  const res = await fetch(url, { headers });
  const pageBytes = Buffer.from(await res.arrayBuffer());
  const page = JSON.parse(pageBytes.toString()) as ResidentAccountView;
  const bytes = {
    page: pageBytes.length,
    withLeafData: await withLeafData(page, bench),
    checkpoint: Buffer.byteLength(JSON.stringify(page.checkpoint)),
  };
  say(`(a) ${bytes.page} bytes (${bytes.withLeafData} if receipts carried their leaf data)`);

  say(
    `(b, c) the api: ${PLAN.sequential} requests one at a time, then ${PLAN.clients} clients for ${PLAN.seconds} s`,
  );
  const mariadb = [...pidsOf('mariadbd'), ...pidsOf('mysqld')];
  const seq = await sequential(url, headers, Math.round(PLAN.sequential / 10), PLAN.sequential);
  say(`    one at a time: p50 ${seq.p50.toFixed(2)} ms, p99 ${seq.p99.toFixed(2)} ms`);
  await profileSignal(api);
  const meter = cpuMeter({
    api: () => cpuSeconds(api.process.pid!),
    mariadb: () => mariadb.reduce((s, p) => s + cpuSeconds(p), 0),
    bench: selfCpuSeconds,
  });
  const conc = await concurrent(url, headers, PLAN.clients, PLAN.seconds, PLAN.warmupSeconds);
  const cpu = meter.read();
  await profileSignal(api);
  say(
    `    ${PLAN.clients} clients: ${Math.round(conc.reqPerS)} req/s, p50 ${conc.latency.p50.toFixed(1)} ms, p99 ${conc.latency.p99.toFixed(1)} ms`,
  );
  const apiMeasured: Measured = { sequential: seq, concurrent: conc };

  // Each request a page of its own (a `before` past every record: the same records), so each
  // misses the api's page cache: what a resident opening the app after a change costs.
  say(`(e) the api, every request a cache miss: ${PLAN.clients} clients for ${PLAN.seconds} s`);
  const misses = await concurrent(
    (k) => `${url}&before=evt_${1_000_000_000 + k}`,
    headers,
    PLAN.clients,
    PLAN.seconds,
    PLAN.warmupSeconds,
  );
  say(
    `    ${Math.round(misses.reqPerS)} req/s, p50 ${misses.latency.p50.toFixed(1)} ms, p99 ${misses.latency.p99.toFixed(1)} ms`,
  );

  say('(d) the floor: bare Fastify returning the same bytes, the same load');
  const floor = await measure(await startFloor(pageBytes), {});

  const [rows] = await (async () => {
    const db = await connect(bench!.env.DATABASE_URL);
    try {
      return await db.query<RowDataPacket[]>('SELECT VERSION() AS v');
    } finally {
      await db.end();
    }
  })();
  const report: AccountPageReport = {
    command: COMMAND,
    quick,
    machine: machineFacts(load, String(rows[0].v)),
    records: PLAN.records,
    bytes,
    api: apiMeasured,
    misses,
    floor,
    cpu,
    profileFile,
  };
  printReport(report, say);
  if (!has('--no-record')) say(`recorded in ${(await recordResults(report)).join(' and ')}`);
  process.stdout.write(`${resultLine(report)}\n`);
}

function cleanup(): Promise<void> {
  return stopAndDrop(children, bench, has('--keep-db'), say);
}

runBench({
  main,
  cleanup,
  say,
  interrupted: 'stopping the children and dropping the database',
  children,
});
