// The bench's table, findings and RESULT line, and the section it appends to bench/RESULTS.md.
import type { AccountCheckResult } from './account-check';
import { INTEGRATION_BATCH } from '../../src/audit/services/audit-integrator';
import type { FloorResult } from './floor';
import type { MachineFacts } from '../shared/machine-load';
import { recordSection } from '../shared/results-file';
import type { IntegrationResult } from './integration';
import type { Timing } from './timing';
import type { TileResult } from './tiles';

export interface AuditBenchReport {
  command: string;
  quick: boolean;
  machine: MachineFacts;
  floor: FloorResult;
  integration: IntegrationResult;
  /** Cores used during the integration, by process. */
  cpu: Record<string, number>;
  proofLog: { name: string; size: number; reused: boolean; buildSeconds: number; bytes: number };
  proofHashes: number;
  http: Timing;
  /** Bare Fastify returning one proof answer, alternating with `http`. */
  proofFloor: Timing;
  inProcess: Timing;
  verify: Timing;
  /** verifyNote alone over the same checkpoints: the signature's share of verify. */
  signature: Timing;
  tiles: TileResult;
  accountCheck: AccountCheckResult;
}

export const TARGETS = {
  ratio: 0.5,
  /** The proof endpoint's p99 against the bare Fastify floor returning the same bytes (issue 12). */
  inclusionToFloorP99: 2,
  verifyP99Ms: 2,
  tileToFloorP99: 1.2,
  accountCheckMs: 50,
};

const n = (x: number, digits = 0) =>
  Number.isFinite(x)
    ? x.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : 'n/a';
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
const sizeLabel = (size: number) =>
  size >= 1e6 && Math.log10(size) % 1 === 0 ? `10^${Math.log10(size)}` : n(size);

export const ratioOf = (r: AuditBenchReport) => r.integration.leavesPerS / r.floor.leavesPerS;

const tileRatioOf = (r: AuditBenchReport) => r.tiles.cached.p99 / r.tiles.floor.p99;
const proofRatioOf = (r: AuditBenchReport) => r.http.p99 / r.proofFloor.p99;

function table(r: AuditBenchReport): string[] {
  const f = r.floor;
  const i = r.integration;
  const size = sizeLabel(r.proofLog.size);
  const rows = [
    [
      `floor: node:crypto one-shot SHA-256, RFC 9162 tree over the same ${n(f.leaves)} leaves (${n(f.hashes)} hashes, best of 3)`,
      '—',
      `${n(f.hashesPerS)} hashes/s = ${n(f.leavesPerS)} leaves/s`,
      '',
    ],
    [
      `integration: AuditIntegrator, ${n(i.checkpoints)} transactions of ≤ ${n(INTEGRATION_BATCH)} leaves, each signed`,
      `≥ ${n(TARGETS.ratio * f.leavesPerS)} leaves/s`,
      `${n(i.leavesPerS)} leaves/s`,
      verdict(ratioOf(r) >= TARGETS.ratio),
    ],
    ['ratio integration / floor (leaves/s)', `≥ ${TARGETS.ratio}`, ratioOf(r).toFixed(4), ''],
    [
      `time to seal ${n(i.leaves)} leaves (integrateAll → signed checkpoint at ${n(i.leaves)})`,
      '—',
      `${n(i.sealMs)} ms`,
      '',
    ],
    [
      `inclusion proof at ${size} leaves, HTTP, ${n(r.http.n)} sequential requests (alternating with the floor's): p50 / p99`,
      `p99 ≤ ${TARGETS.inclusionToFloorP99} × floor`,
      `${n(r.http.p50, 2)} / ${n(r.http.p99, 2)} ms (${proofRatioOf(r).toFixed(2)} ×)`,
      verdict(proofRatioOf(r) <= TARGETS.inclusionToFloorP99),
    ],
    [
      'floor: bare Fastify process returning one proof answer’s bytes and headers: p50 / p99',
      '—',
      `${n(r.proofFloor.p50, 3)} / ${n(r.proofFloor.p99, 3)} ms`,
      '',
    ],
    [
      `inclusion proof at ${size} leaves, service side (AuditLogReader in-process): p50 / p99`,
      '—',
      `${n(r.inProcess.p50, 2)} / ${n(r.inProcess.p99, 2)} ms`,
      '',
    ],
    [
      `receipt verification, sdk verifyReceipt (${r.proofHashes}-hash proof, Ed25519): p50 / p99 of ${n(r.verify.n)}`,
      `p99 ≤ ${TARGETS.verifyP99Ms} ms`,
      `${n(r.verify.p50, 3)} / ${n(r.verify.p99, 3)} ms`,
      verdict(r.verify.p99 <= TARGETS.verifyP99Ms),
    ],
    [
      'of which the checkpoint signature alone (verifyNote, Ed25519): p50 / p99',
      '—',
      `${n(r.signature.p50, 3)} / ${n(r.signature.p99, 3)} ms`,
      '',
    ],
    [
      `cached full tile (\`${r.tiles.path}\`, ${n(r.tiles.tileBytes)} bytes), HTTP, ${n(r.tiles.cached.n)} sequential requests (alternating with the floor's): p50 / p99`,
      `p99 ≤ ${TARGETS.tileToFloorP99} × floor`,
      `${n(r.tiles.cached.p50, 3)} / ${n(r.tiles.cached.p99, 3)} ms (${tileRatioOf(r).toFixed(2)} ×)`,
      verdict(tileRatioOf(r) <= TARGETS.tileToFloorP99),
    ],
    [
      'floor: bare Fastify process returning the same bytes and headers: p50 / p99',
      '—',
      `${n(r.tiles.floor.p50, 3)} / ${n(r.tiles.floor.p99, 3)} ms`,
      '',
    ],
    [
      `one receipt from tiles with a cold cache at ${size} leaves (${r.tiles.cold.receipts} random leaves): tiles / bytes downloaded`,
      '—',
      `${r.tiles.cold.tiles.min}–${r.tiles.cold.tiles.max} tiles (mean ${n(r.tiles.cold.tiles.mean, 1)}) / ${n(r.tiles.cold.bytes.min)}–${n(r.tiles.cold.bytes.max)} bytes (mean ${n(r.tiles.cold.bytes.mean)}); proof/inclusion instead: 1 request, ${n(r.tiles.cold.proofEndpointBytes.mean)} bytes`,
      '',
    ],
    [
      `… the same receipts one after another with the phone's tile cache kept (warm): tiles / bytes each adds`,
      '—',
      `${r.tiles.warm.tiles.min}–${r.tiles.warm.tiles.max} tiles (mean ${n(r.tiles.warm.tiles.mean, 1)}) / mean ${n(r.tiles.warm.bytes.mean)} bytes`,
      '',
    ],
    [
      `a resident's complete self-check, sdk verifyAccount, ${n(r.accountCheck.entries)} entries in a log of ${sizeLabel(r.accountCheck.treeSize)} leaves (SHA-256): median of 9`,
      `≤ ${TARGETS.accountCheckMs} ms`,
      `${n(r.accountCheck.sha256Ms, 1)} ms`,
      verdict(r.accountCheck.sha256Ms <= TARGETS.accountCheckMs),
    ],
    [
      '… the same on an SM3 log; and what the check downloads (its entries as the API sends them)',
      '—',
      `${n(r.accountCheck.sm3Ms, 1)} ms; ${n(r.accountCheck.bytes)} bytes`,
      '',
    ],
  ];
  return [
    '| metric | target | measured | |',
    '| --- | --- | --- | --- |',
    ...rows.map((x) => `| ${x.join(' | ')} |`),
  ];
}

/** Where the integration's time went, from the statement timings; the reader adds the why. */
export function findings(r: AuditBenchReport): string[] {
  const i = r.integration;
  const txns = i.checkpoints;
  const perTxn = i.sealMs / txns;
  const sqlPerTxn = i.sqlMs / txns;
  const top = i.sql
    .slice(0, 8)
    .map((s) => `\`${s.shape}\` ${(s.ms / txns).toFixed(2)}`)
    .join(', ');
  const roundTrips = i.sql.reduce((s, x) => s + x.n, 0) / txns;
  const others = Object.entries(r.cpu)
    .map(([k, v]) => `${k} ${v.toFixed(2)}`)
    .join(', ');
  return [
    `Integration: ${n(i.leavesPerS)} leaves/s against a hashing floor of ${n(r.floor.leavesPerS)} leaves/s (${(100 * ratioOf(r)).toFixed(1)} %). Each transaction of ≤ ${n(INTEGRATION_BATCH)} leaves took ${perTxn.toFixed(1)} ms, of which ${sqlPerTxn.toFixed(1)} ms (${((100 * sqlPerTxn) / perTxn).toFixed(0)} %) waiting on ${roundTrips.toFixed(1)} SQL statements and ${(perTxn - sqlPerTxn).toFixed(1)} ms in this process (hashing, Ed25519 signing, the consistency check, TypeORM).`,
    `SQL, ms per transaction by statement: ${top}.`,
    `Cores during the integration: ${others}.${(r.cpu.other ?? 0) > 0.15 ? ` Caution: other processes used ${r.cpu.other.toFixed(2)} cores meanwhile; this run did not have the machine to itself, and the floor, built just before, suffered the same.` : ''}`,
    `Leaves: ${n(i.leaves)} reduction_credit leaves of ${n(i.leafBytes.min)}–${n(i.leafBytes.max)} bytes (mean ${n(i.leafBytes.mean)}), written through AuditLogWriter 500 per transaction in ${n(i.writeMs / 1000, 1)} s before the integration started.`,
    `Proof log: ${r.proofLog.name}, ${n(r.proofLog.size)} short synthetic leaves with every complete subtree and a checkpoint signed with the dev key, ${n(r.proofLog.bytes / 2 ** 30, 2)} GiB in MariaDB; ${r.proofLog.reused ? 'reused' : 'built this run'} (build took ${n(r.proofLog.buildSeconds)} s).`,
  ];
}

export function printReport(r: AuditBenchReport, say: (line: string) => void): void {
  say('');
  for (const line of table(r)) say(line);
  say('');
  for (const line of findings(r)) say(line);
}

export function resultLine(r: AuditBenchReport): string {
  const seal = r.quick ? `seal_${r.integration.leaves / 1000}k_ms` : 'seal_100k_ms';
  return `RESULT integrate_leaves_per_s=${Math.round(r.integration.leavesPerS)} floor_hashes_per_s=${Math.round(r.floor.hashesPerS)} ratio=${ratioOf(r).toFixed(4)} ${seal}=${Math.round(r.integration.sealMs)} inclusion_p99_ms=${r.http.p99.toFixed(2)} inclusion_floor_p99_ms=${r.proofFloor.p99.toFixed(3)} verify_ms=${r.verify.p99.toFixed(3)} tile_cached_p99_ms=${r.tiles.cached.p99.toFixed(3)} tile_floor_p99_ms=${r.tiles.floor.p99.toFixed(3)} receipt_tiles_mean=${r.tiles.cold.tiles.mean.toFixed(1)} receipt_tile_bytes_mean=${Math.round(r.tiles.cold.bytes.mean)} warm_receipt_tiles_mean=${r.tiles.warm.tiles.mean.toFixed(1)} verify_account_ms=${r.accountCheck.sha256Ms.toFixed(1)} account_bytes=${r.accountCheck.bytes}`;
}

/** Records this run: its section in bench/RESULTS.md, its JSON line in bench/results/audit.jsonl. */
export async function recordResults(r: AuditBenchReport): Promise<string[]> {
  const m = r.machine;
  return recordSection(
    { bench: 'audit', quick: r.quick, command: r.command, report: r },
    {
      about: [
        `- machine: nproc ${m.cores} (${m.model}), ${m.memoryGiB.toFixed(1)} GiB memory, ${m.loadBefore.toFixed(2)} cores busy before the run; Node ${m.node}; MariaDB ${m.mariadb}; the bench, the api and MariaDB on this machine`,
        `- floor and ratio: leaves/s of the integration ÷ leaves/s of the floor's tree build (hashes/s is printed for reference: a build is 2n − 1 hashes)`,
        `- inclusion_p99_ms: client-observed over HTTP; verify_ms: p99 of verifyReceipt; tile_*: one cached full tile over HTTP and the bare Fastify floor serving its bytes; receipt_tile_*: what a cold cache downloads to verify one receipt from tiles`,
      ],
      table: table(r),
      findings: findings(r),
      resultLine: resultLine(r),
    },
  );
}
