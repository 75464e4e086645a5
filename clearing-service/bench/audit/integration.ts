// Integration: a fresh database, N realistic leaves appended through AuditLogWriter in crediting-sized
// transactions, then the real AuditIntegrator (`integrateAll`, what its timer calls) until the signed
// checkpoint covers all N. Every SQL statement it sends is timed by shape (as bench/ingest's
// worker-timing does), so the report can say how much of the time is round trips.
import type { INestApplicationContext } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { timeStatements } from '../shared/statement-timing';
import { AuditIntegrator, INTEGRATION_BATCH } from '../../src/audit/services/audit-integrator';
import { AuditLogWriter, type NewLeaf } from '../../src/audit/services/audit-log-writer';
import { AuditKeyring } from '../../src/audit/services/audit-keyring';
import { AuditSigningKeys } from '../../src/audit/services/audit-signing-keys';
import { dropDatabase, migrateDatabase } from '../../src/database/migrate';
import { benchEnv, configOf, createProgram, openContext } from './context';
import { realisticLeaves } from './leaves';

/** Leaves per writer transaction: about one crediting batch. */
const WRITE_BATCH = 500;

export interface IntegrationResult {
  leaves: number;
  leafBytes: { mean: number; min: number; max: number };
  writeMs: number;
  /** From the call to integrateAll to the signed_at of the checkpoint at size `leaves`. */
  sealMs: number;
  leavesPerS: number;
  checkpoints: number;
  /** Client-observed ms per statement shape, summed over the whole integration. */
  sql: { shape: string; ms: number; n: number }[];
  sqlMs: number;
  profileFile: string | null;
}

export interface IntegrationDb {
  name: string;
  ctx: INestApplicationContext;
  leaves: NewLeaf[];
  programId: number;
  drop(): Promise<void>;
}

/** Creates and migrates the database, writes the leaves; returns them (the floor hashes the same bytes). */
export async function prepareIntegration(
  count: number,
  say: (s: string) => void,
): Promise<IntegrationDb & { writeMs: number }> {
  const name = `tl_bench_audit_${randomBytes(3).toString('hex')}`;
  const config = configOf(benchEnv(name, randomBytes(32).toString('base64')));
  await migrateDatabase(config);
  const ctx = await openContext(config).catch(async (err: unknown) => {
    await dropDatabase(config.database.url);
    throw err;
  });
  const program = await createProgram(ctx, 'bench');
  const ds = ctx.get(DataSource);
  const writer = ctx.get(AuditLogWriter);
  const now = new Date();
  // The log's first key, as a worker registers it (one leaf, before the bench's own).
  await ctx
    .get(AuditSigningKeys)
    .registerFirstSigner(program.id, ctx.get(AuditKeyring).held[0].verifier);
  const leaves = realisticLeaves(count, program.code, now);
  const t0 = performance.now();
  for (let i = 0; i < leaves.length; i += WRITE_BATCH) {
    await ds.transaction(async (db) => {
      const head = await writer.lockHead(db, program.id);
      await writer.append(db, head, leaves.slice(i, i + WRITE_BATCH), now);
    });
    if ((i / WRITE_BATCH) % 40 === 39)
      say(`    written ${(i + WRITE_BATCH).toLocaleString('en')} leaves`);
  }
  const writeMs = performance.now() - t0;
  return {
    name,
    ctx,
    leaves,
    programId: program.id,
    writeMs,
    drop: async () => {
      await ctx.close();
      await dropDatabase(config.database.url);
    },
  };
}

export async function runIntegration(
  db: IntegrationDb,
  profileFile: string | null,
): Promise<Omit<IntegrationResult, 'writeMs'>> {
  const ds = db.ctx.get(DataSource);
  const integrator = db.ctx.get(AuditIntegrator);
  const timer = timeStatements(shapeOf);
  const profiler = profileFile ? await startProfile() : null;
  const started = Date.now();
  await integrator.integrateAll();
  if (profiler) await profiler.stop(profileFile!);
  const sql = timer.stop();
  const [last]: { tree_size: string; signed_at: Date; n: string }[] = await ds.query(
    `SELECT tree_size, signed_at, (SELECT COUNT(*) FROM audit_checkpoints WHERE program_id = ?) AS n
       FROM audit_checkpoints WHERE program_id = ? ORDER BY tree_size DESC LIMIT 1`,
    [db.programId, db.programId],
  );
  const size = Number(last?.tree_size ?? 0);
  if (size !== db.leaves.length + 1) {
    throw new Error(
      `the integrator stopped at size ${size} of ${db.leaves.length + 1} (see its error above)`,
    );
  }
  const sealMs = new Date(last.signed_at).getTime() - started;
  const bytes = db.leaves.map((l) => l.data.length);
  return {
    leaves: size,
    leafBytes: {
      mean: bytes.reduce((a, b) => a + b, 0) / bytes.length,
      min: Math.min(...bytes),
      max: Math.max(...bytes),
    },
    sealMs,
    leavesPerS: size / (sealMs / 1000),
    checkpoints: Number(last.n),
    sql: sql.sort((a, b) => b.ms - a.ms),
    sqlMs: sql.reduce((s, x) => s + x.ms, 0),
    profileFile,
  };
}

export const expectedCheckpoints = (leaves: number) => Math.ceil(leaves / INTEGRATION_BATCH);

/** A statement's shape: the SQL with its value lists and OR-ed tile lookups folded. */
const shapeOf = (sql: string) =>
  sql
    .replace(/\s+/g, ' ')
    .replace(/\((\?, )+\?\)/g, '(…)')
    .replace(/(, \(…\))+/g, ', …')
    .replace(/( OR \(level = \? AND tile = \?\))+/g, ' OR …')
    .trim()
    .slice(0, 90);

async function startProfile(): Promise<{ stop(file: string): Promise<void> }> {
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, params ?? {}, (err, result) => (err ? reject(err) : resolve(result))),
    );
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 500 });
  await post('Profiler.start');
  return {
    async stop(file: string) {
      const { profile } = (await post('Profiler.stop')) as { profile: unknown };
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}
