// `npm run bench:clearing`: one clearing cycle of 10^6 captures (1 % refunds) across 1,000
// merchants × 20 issuers, beside the bare-SQL floor of the same steps in the same run; holds and
// captures through the HTTP API beside a bare Fastify floor, and the audit-log head's ceiling;
// the expiry sweeper's lag. Flags: --quick (10^4 captures, short phases), --captures N (another
// kept dataset's size), --prepare-only (make the kept dataset and stop), --connections N (the
// preparation's concurrency, default 16), --no-record.
import { createConnection, type RowDataPacket } from 'mysql2/promise';
import { machineFacts, sayMachineLoad } from '../shared/machine-load';
import { sizeMariaDb } from '../shared/mariadb-sizing';
import type { Child } from '../shared/processes';
import { stopChild } from '../shared/processes';
import { runBench } from '../shared/run-bench';
import { MYSQL_SERVER } from '../ingest/setup';
import { runApiPhases } from './api-phase';
import { runClear } from './clear';
import { ensureDataset, PROGRAM } from './dataset';
import { clearingFloor } from './floor';
import { type ClearingBenchReport, printReport, recordResults } from './report';
import { datasetPlan } from './shape';

const argv = process.argv.slice(2);
const known = ['--quick', '--prepare-only', '--no-record', '--connections', '--captures'];
const valued = ['--connections', '--captures'];
const unknown = argv.filter((a, i) => !known.includes(a) && !valued.includes(argv[i - 1]));
if (unknown.length) {
  process.stderr.write(`unknown option ${unknown.join(' ')}; known: ${known.join(' ')}\n`);
  process.exit(2);
}
const args = new Set(argv);
const quick = args.has('--quick');
const flag = (name: string) => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : null);
const connections = flag('--connections') ?? 16;
const plan = datasetPlan(flag('--captures') ?? (quick ? 10_000 : 1_000_000));
const COMMAND = `npm run bench:clearing${argv.length ? ` -- ${argv.join(' ')}` : ''}`;
const children: Child[] = [];

function say(text: string): void {
  process.stdout.write(`[bench] ${text}\n`);
}

async function main(): Promise<void> {
  const load = await sayMachineLoad(say);
  await sizeMariaDb(MYSQL_SERVER, say);
  const dataset = await ensureDataset(MYSQL_SERVER, plan, connections, say);
  say(`    ${dataset.name}: ${JSON.stringify(dataset.counts)}`);
  if (args.has('--prepare-only')) return;

  say(
    '(1) clearing the cycle in a process of its own: close, aggregate + net, issue (注销, files, leaves), CycleCheck',
  );
  const clear = await runClear(dataset.env);
  say(
    `    ${(clear.totalMs / 1000).toFixed(2)} s, peak RSS ${Math.round(clear.maxRssMb)} MB, check ${clear.check.ok ? 'passed' : 'FAILED'}`,
  );
  say('(1) floor: the same steps in bare SQL through mysql2');
  const db = await createConnection(dataset.env.DATABASE_URL);
  const [[p]] = await db.query<RowDataPacket[]>(
    'SELECT id, VERSION() AS v FROM programs WHERE code = ?',
    [PROGRAM],
  );
  await db.end();
  const floor = await clearingFloor(dataset.env.DATABASE_URL, Number(p.id));
  say(`    ${(floor.ms.total / 1000).toFixed(2)} s`);

  const api = await runApiPhases(MYSQL_SERVER, quick, say, children);
  const { env: _env, ...kept } = dataset;
  void _env;
  const report: ClearingBenchReport = {
    command: COMMAND,
    quick,
    machine: machineFacts(load, String(p.v)),
    plan,
    dataset: kept,
    clear,
    floor,
    api,
    cpu: clear.cpu,
  };
  const result = printReport(report, say);
  if (!args.has('--no-record')) {
    const m = report.machine;
    const about = [
      `- machine: nproc ${m.cores} (${m.model}), ${m.memoryGiB.toFixed(1)} GiB memory, ${m.loadBefore.toFixed(2)} cores busy before the run; Node ${m.node}; MariaDB ${m.mariadb}; the bench, the clearing process, the api, the worker and MariaDB all on this machine, shared with other engineers' jobs`,
    ];
    const files = await recordResults(report, about);
    say(`recorded in ${files.join(' and ')}`);
  }
  process.stdout.write(`${result}\n`);
}

runBench({
  main,
  cleanup: async () => {
    for (const c of children) await stopChild(c);
  },
  say,
  interrupted: 'stopping the api, the worker and the floor',
  children,
});
