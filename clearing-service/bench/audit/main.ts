// `npm run bench:audit`: the audit log's figures next to the hashing floor measured in the same run.
// (1) floor: node:crypto SHA-256 building the RFC 9162 tree over the integration's leaf bytes;
// (2) the real AuditIntegrator sealing 100,000 realistic leaves in a fresh database;
// (3) inclusion proofs at 10^7 leaves through a running api (kept database, built on first use);
// (4) the sdk's verifyReceipt on receipts from (3);
// (5) tlog-tiles at (3)'s size: a cached tile against bare Fastify, and a cold receipt's downloads;
// (6) a resident's complete self-check (verifyAccount) over 1,000 entries at 10^7 leaves.
// Flags: --quick (10,000 leaves, a 10^5-leaf proof log), --rebuild (the proof log), --profile (V8 CPU
// profile of the integration), --keep-db (the integration's database), --no-record, --proofs-only
// (step 3 alone, against the kept proof log, not recorded: for working on the proof path).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { machineFacts, sayMachineLoad } from '../shared/machine-load';
import { sizeMariaDb } from '../shared/mariadb-sizing';
import { MYSQL_SERVER } from '../ingest/setup';
import { runBench } from '../shared/run-bench';
import { DataSource } from 'typeorm';
import { cpuMeter, cpuSeconds, pidsOf, selfCpuSeconds } from '../shared/processes';
import { hashingFloor } from './floor';
import { prepareIntegration, runIntegration, type IntegrationDb } from './integration';
import { ensureProofLog, type ProofLog } from './proof-log';
import { measureProofs, measureReceipts } from './proofs';
import { measureTiles } from './tiles';
import { measureAccountCheck } from './account-check';
import { type AuditBenchReport, printReport, recordResults, resultLine } from './report';

const args = new Set(process.argv.slice(2));
const known = ['--quick', '--rebuild', '--profile', '--keep-db', '--no-record', '--proofs-only'];
const unknown = [...args].filter((a) => !known.includes(a));
if (unknown.length) {
  process.stderr.write(`unknown option ${unknown.join(' ')}; known: ${known.join(' ')}\n`);
  process.exit(2);
}
const quick = args.has('--quick');
const PLAN = {
  leaves: quick ? 10_000 : 100_000,
  proofLog: quick ? 100_000 : 10_000_000,
  // Proofs take ~1 ms: 10,000 span ten seconds, so their p99 is not one moment's.
  requests: quick ? 500 : 10_000,
  // A cached tile takes ~0.2 ms: 2,000 of them span half a second, and their p99 (the 20th
  // slowest) is whatever the machine did in that half second. 20,000 span several seconds.
  tileRequests: quick ? 2_000 : 20_000,
  verifications: 1_000,
  coldReceipts: 100,
};
const COMMAND = `npm run bench:audit${args.size ? ` -- ${[...args].join(' ')}` : ''}`;

function say(text: string): void {
  process.stdout.write(`[bench] ${text}\n`);
}
const fmt = (x: number, digits = 0) =>
  x.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });

let integration: IntegrationDb | null = null;
let proofLog: ProofLog | null = null;

async function main(): Promise<void> {
  const load = await sayMachineLoad(say);
  await sizeMariaDb(MYSQL_SERVER, say);
  if (args.has('--proofs-only')) return proofsOnly();

  say(
    `(2) creating a database, writing ${fmt(PLAN.leaves)} realistic leaves through AuditLogWriter`,
  );
  const prepared = await prepareIntegration(PLAN.leaves, say);
  integration = prepared;
  say(`    ${prepared.name}: written in ${fmt(prepared.writeMs / 1000, 1)} s`);

  say(
    `(1) floor: node:crypto SHA-256, RFC 9162 tree over the same ${fmt(PLAN.leaves)} leaves, best of 3`,
  );
  const floor = hashingFloor(prepared.leaves.map((l) => l.data));
  say(
    `    ${fmt(floor.ms)} ms per build: ${fmt(floor.hashesPerS)} hashes/s, ${fmt(floor.leavesPerS)} leaves/s`,
  );

  say(
    `(2) integration: AuditIntegrator.integrateAll until the checkpoint covers ${fmt(PLAN.leaves)}`,
  );
  const profileDir = join(__dirname, '.profiles');
  if (args.has('--profile') && !existsSync(profileDir)) mkdirSync(profileDir);
  const profileFile = args.has('--profile')
    ? join(profileDir, `integration-${new Date().toISOString().replace(/[:.]/g, '-')}.cpuprofile`)
    : null;
  const mariadb = [...pidsOf('mariadbd'), ...pidsOf('mysqld')];
  const cpu = cpuMeter({
    bench: selfCpuSeconds,
    mariadb: () => mariadb.reduce((s, p) => s + cpuSeconds(p), 0),
  });
  const sealed = await runIntegration(prepared, profileFile);
  const cores = cpu.read();
  say(
    `    sealed ${fmt(sealed.leaves)} in ${fmt(sealed.sealMs)} ms (${fmt(sealed.leavesPerS)} leaves/s, ${sealed.checkpoints} checkpoints)`,
  );
  if (profileFile) {
    say(`    CPU profile of the integration: ${profileFile}`);
    const summary = execFileSync(process.execPath, [
      join(__dirname, '..', 'ingest', 'run.js'),
      'profile-summary',
      profileFile,
      '15',
    ]).toString();
    for (const line of summary.split('\n')) say(`    ${line}`);
  }
  if (!args.has('--keep-db')) await prepared.drop();
  else {
    await prepared.ctx.close();
    say(`    kept database ${prepared.name}`);
  }
  integration = null;

  say(`(3) inclusion proofs at ${fmt(PLAN.proofLog)} leaves`);
  proofLog = await ensureProofLog(PLAN.proofLog, args.has('--rebuild'), say);
  const log = proofLog;
  say(
    `    ${log.name}: ${fmt(log.bytes / 2 ** 30, 2)} GiB; 24 proofs from the stored subtrees verified with the sdk`,
  );
  const proofs = await measureProofs(log, PLAN.requests, say);
  say(
    `    HTTP p50 ${fmt(proofs.http.p50, 2)} ms, p99 ${fmt(proofs.http.p99, 2)} ms, max ${fmt(proofs.http.max, 1)} ms (bare Fastify, same bytes: p99 ${fmt(proofs.floor.p99, 2)} ms); in-process p50 ${fmt(proofs.inProcess.p50, 2)} ms, p99 ${fmt(proofs.inProcess.p99, 2)} ms`,
  );

  say(
    `(4) receipt verification: verifyReceipt × ${fmt(PLAN.verifications)} (${proofs.receipts.length} distinct receipts)`,
  );
  const { receipt: verify, signature } = measureReceipts(proofs.receipts, PLAN.verifications);
  say(
    `    p50 ${fmt(verify.p50, 3)} ms, p99 ${fmt(verify.p99, 3)} ms; the Ed25519 note check alone p50 ${fmt(signature.p50, 3)} ms`,
  );

  say(
    `(5) tlog-tiles at ${fmt(log.size)} leaves: one cached tile × ${fmt(PLAN.requests)}, bare Fastify floor`,
  );
  const tiles = await measureTiles(log, PLAN.tileRequests, PLAN.coldReceipts, say);

  say("(6) a resident's complete self-check: verifyAccount, 1,000 entries at 10^7 leaves");
  const accountCheck = measureAccountCheck();
  say(
    `    ${fmt(accountCheck.sha256Ms, 1)} ms (SHA-256), ${fmt(accountCheck.sm3Ms, 1)} ms (SM3); ${fmt(accountCheck.bytes)} bytes to download`,
  );

  const [[version]]: [{ v: string }][] = [
    await log.ctx.get(DataSource).query('SELECT VERSION() AS v'),
  ];
  const report: AuditBenchReport = {
    command: COMMAND,
    quick,
    machine: machineFacts(load, version.v),
    floor,
    integration: { ...sealed, writeMs: prepared.writeMs },
    cpu: cores,
    proofLog: {
      name: log.name,
      size: log.size,
      reused: log.reused,
      buildSeconds: log.buildSeconds,
      bytes: log.bytes,
    },
    proofHashes: proofs.proofHashes,
    http: proofs.http,
    proofFloor: proofs.floor,
    inProcess: proofs.inProcess,
    verify,
    signature,
    tiles,
    accountCheck,
  };
  printReport(report, say);
  if (!args.has('--no-record')) say(`recorded in ${(await recordResults(report)).join(' and ')}`);
  process.stdout.write(`${resultLine(report)}\n`);
}

/** Step 3 alone: the proof endpoint against its floor, printed, nothing recorded. */
async function proofsOnly(): Promise<void> {
  proofLog = await ensureProofLog(PLAN.proofLog, args.has('--rebuild'), say);
  const proofs = await measureProofs(proofLog, PLAN.requests, say);
  say(
    `(3) proofs at ${fmt(proofLog.size)} leaves: HTTP p50 ${fmt(proofs.http.p50, 2)} ms, p99 ${fmt(proofs.http.p99, 2)} ms; bare Fastify p99 ${fmt(proofs.floor.p99, 2)} ms; ratio ${fmt(proofs.http.p99 / proofs.floor.p99, 2)} (target ≤ 2); in-process p99 ${fmt(proofs.inProcess.p99, 2)} ms`,
  );
}

async function cleanup(): Promise<void> {
  await proofLog?.ctx.close().catch(() => undefined);
  await integration?.drop().catch(() => undefined);
}

runBench({
  main,
  cleanup,
  say,
  interrupted:
    'dropping the integration database (the proof log is rebuilt next time if incomplete)',
});
