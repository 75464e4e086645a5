// The proof log: a program whose audit log holds `size` integrated leaves (audit_leaves, every
// complete subtree in audit_tiles, the head and integrator rows, one checkpoint signed with the
// dev key), generated directly — the integrator would take hours for 10^7 — in the tables and
// formats the integrator writes, bulk-loaded with LOAD DATA LOCAL INFILE from generated streams.
// Kept between runs: the marker table bench_audit_build is written last, so a database without it
// (an interrupted build) is rebuilt.
import type { INestApplicationContext } from '@nestjs/common';
import {
  formatCheckpoint,
  sha256LogHash,
  signNote,
  verifyReceipt,
  type NoteVerifierKey,
} from '@tanlian/sdk';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { checkpointOrigin } from '../../src/audit/services/audit-integrator';
import { AuditKeyring } from '../../src/audit/services/audit-keyring';
import { AuditSigningKeys } from '../../src/audit/services/audit-signing-keys';
import { SecretsKeyring } from '../../src/secrets/secrets-keyring';
import { AuditLogReader } from '../../src/audit/services/audit-log-reader';
import { AuditTreeStore } from '../../src/audit/services/audit-tree-store';
import { nodeLogHash, treeHashes } from '../../src/audit/tree/log-hash';
import { TILE_WIDTH } from '../../src/audit/tree/tiles';
import { foldRange, rootPlan } from '../../src/audit/tree/tree-plan';
import { Prng } from '../../src/demo/simulator';
import type { Program } from '../../src/tenancy/entities/program.entity';
import { dropDatabase, migrateDatabase } from '../../src/database/migrate';
import { connect } from '../ingest/setup';
import { benchEnv, configOf, createProgram, findProgram, openContext } from './context';
import { syntheticLeaf } from './leaves';

const PROGRAM = 'bench';
/** Rows per LOAD DATA statement (one transaction each). */
const CHUNK = 500_000;
const h = treeHashes(nodeLogHash('sha256'));

export interface ProofLog {
  name: string;
  size: number;
  env: Record<string, string>;
  ctx: INestApplicationContext;
  program: Program;
  trustedKeys: NoteVerifierKey[];
  origin: string;
  /** Seconds the build took when it was made (this run or an earlier one). */
  buildSeconds: number;
  reused: boolean;
  /** data_length + index_length of its tables, as information_schema reports them. */
  bytes: number;
}

export function proofLogName(size: number): string {
  return `tl_bench_audit_${size.toExponential().replace(/\.0*|\+/g, '')}`;
}

/** Opens the kept proof log of `size` leaves, building it first if it is missing or incomplete. */
export async function ensureProofLog(
  size: number,
  rebuild: boolean,
  say: (s: string) => void,
): Promise<ProofLog> {
  const name = proofLogName(size);
  const marker = rebuild ? null : await readMarker(name);
  let reused = true;
  let secretsKey: string;
  let buildSeconds: number;
  if (marker && Number(marker.leaves) === size) {
    secretsKey = String(marker.secrets_key);
    buildSeconds = Number(marker.build_seconds);
    say(`reusing ${name} (built ${new Date(marker.built_at).toISOString()} in ${buildSeconds} s)`);
  } else {
    reused = false;
    secretsKey = randomBytes(32).toString('base64');
    const t0 = Date.now();
    await buildProofLog(name, size, secretsKey, say);
    buildSeconds = Math.round((Date.now() - t0) / 1000);
    const db = await connect(benchEnv(name, secretsKey).DATABASE_URL);
    try {
      await db.query(`CREATE TABLE bench_audit_build (
        leaves BIGINT UNSIGNED NOT NULL, secrets_key VARCHAR(64) NOT NULL,
        build_seconds INT UNSIGNED NOT NULL, built_at DATETIME(3) NOT NULL)`);
      await db.query('INSERT INTO bench_audit_build VALUES (?, ?, ?, NOW(3))', [
        size,
        secretsKey,
        buildSeconds,
      ]);
    } finally {
      await db.end();
    }
    say(`${name} built in ${buildSeconds} s`);
  }
  const env = benchEnv(name, secretsKey);
  // A kept database gets the migrations added since it was built (the api needs their tables).
  if (reused) await migrateDatabase(configOf(env));
  await warmBufferPool(env.DATABASE_URL, say);
  const ctx = await openContext(configOf(env));
  const program = await findProgram(ctx, PROGRAM);
  const genesis = (await ctx.get(AuditSigningKeys).ofLog(program.id)).filter((k) => k.genesis);
  const log: ProofLog = {
    name,
    size,
    env,
    ctx,
    program,
    trustedKeys: genesis.map(({ name, publicKey }) => ({ name, publicKey })),
    origin: checkpointOrigin(configOf(env).audit.originPrefix, PROGRAM, 'sha256'),
    buildSeconds,
    reused,
    bytes: await tableBytes(ctx, name),
  };
  await checkProofs(log, 24);
  return log;
}

async function readMarker(name: string): Promise<RowDataPacket | null> {
  const db = await connect(benchEnv('mysql', '').DATABASE_URL);
  try {
    const [rows] = await db.query<RowDataPacket[]>(`SELECT * FROM \`${name}\`.bench_audit_build`);
    return rows[0] ?? null;
  } catch {
    return null; // no database or no marker: not (completely) built
  } finally {
    await db.end();
  }
}

async function buildProofLog(
  name: string,
  size: number,
  secretsKey: string,
  say: (s: string) => void,
): Promise<void> {
  const env = benchEnv(name, secretsKey);
  const config = configOf(env);
  await dropDatabase(config.database.url);
  await migrateDatabase(config);
  const ctx = await openContext(config);
  try {
    const program = await createProgram(ctx, PROGRAM);
    const db = await connect(env.DATABASE_URL);
    try {
      await db.query('SET SESSION unique_checks = 0, foreign_key_checks = 0');
      const levels = await loadLeaves(db, program.id, size, say);
      await loadSubtrees(db, program.id, levels, say);
      const root = foldRange(rootPlan(size)[0], (r) => nodeAt(levels, r.level, r.idx), h.node);
      const stored = await ctx
        .get(AuditTreeStore)
        .root(ctx.get(DataSource).manager, program.id, size, h);
      if (Buffer.compare(Buffer.from(root), Buffer.from(stored)) !== 0)
        throw new Error('the root folded from the stored subtrees differs from the computed one');
      const [key] = ctx.get(AuditKeyring).held;
      const origin = checkpointOrigin(config.audit.originPrefix, PROGRAM, 'sha256');
      const note = signNote(formatCheckpoint({ origin, size, rootHash: root }), key.signer);
      await db.query(
        'INSERT INTO audit_log_heads (program_id, next_index, sealed_resident_salt) VALUES (?, ?, ?)',
        [program.id, size, ctx.get(SecretsKeyring).seal(randomBytes(32))],
      );
      // The log's genesis key, registered without its leaf: the bench builds the leaves itself.
      await db.query(
        `INSERT INTO audit_signing_keys (program_id, name, key_id, vkey, state, genesis, registered_at, activated_index)
         VALUES (?, ?, ?, ?, 'active', 1, NOW(3), 0)`,
        [program.id, key.name, key.keyId, key.vkey],
      );
      await db.query(
        'INSERT INTO audit_integrators (program_id, integrated_size, updated_at) VALUES (?, ?, NOW(3))',
        [program.id, size],
      );
      await db.query(
        `INSERT INTO audit_checkpoints (program_id, tree_size, root_hash, note, key_name, signed_at, lag_ms)
         VALUES (?, ?, ?, ?, ?, NOW(3), 0)`,
        [program.id, size, Buffer.from(root), note, key.name],
      );
    } finally {
      await db.end();
    }
  } finally {
    await ctx.close();
  }
}

function nodeAt(levels: Buffer[], level: number, idx: number): Uint8Array {
  return levels[level].subarray(idx * 32, idx * 32 + 32);
}

/** audit_leaves in chunks; returns the leaf hashes (level 0) for the subtrees. */
async function loadLeaves(
  db: Connection,
  programId: number,
  size: number,
  say: (s: string) => void,
): Promise<Buffer[]> {
  const level0 = Buffer.allocUnsafe(size * 32);
  const createdAt = new Date();
  const t0 = Date.now();
  for (let start = 0; start < size; start += CHUNK) {
    const end = Math.min(size, start + CHUNK);
    const rows = function* () {
      for (let i = start; i < end; i += 10_000) {
        let text = '';
        for (let j = i; j < Math.min(end, i + 10_000); j++) {
          const data = syntheticLeaf(j);
          level0.set(h.leaf(data), j * 32);
          text += `${j}\t${data.toString('hex')}\n`;
        }
        yield Buffer.from(text);
      }
    };
    await loadData(
      db,
      `LOAD DATA LOCAL INFILE 'audit_leaves' INTO TABLE audit_leaves
         FIELDS TERMINATED BY '\\t' LINES TERMINATED BY '\\n' (@i, @d)
         SET program_id = ?, leaf_index = @i, kind = 'reduction', ref_id = @i + 1,
             leaf_data = UNHEX(@d), created_at = ?`,
      [programId, createdAt],
      rows,
    );
    progress(say, 'audit_leaves', end, size, t0);
  }
  return [level0];
}

/**
 * Every complete subtree, level by level (level 0 = the leaf hashes), into audit_tiles: runs of
 * TILE_WIDTH consecutive nodes of a level per row, as the integrator stores them.
 */
async function loadSubtrees(
  db: Connection,
  programId: number,
  levels: Buffer[],
  say: (s: string) => void,
): Promise<void> {
  const total = levels[0].length / 32;
  let expected = 0;
  for (let n = total; n >= 1; n = Math.floor(n / 2)) expected += n;
  const t0 = Date.now();
  let loaded = 0;
  let reportAt = CHUNK;
  const tileBytes = TILE_WIDTH * 32;
  for (let level = 0; level < levels.length; level++) {
    const count = levels[level].length / 32;
    const below = levels[level];
    if (count >= 2) {
      const parent = Buffer.allocUnsafe(Math.floor(count / 2) * 32);
      for (let i = 0; i + 1 < count; i += 2)
        parent.set(h.node(nodeAt(levels, level, i), nodeAt(levels, level, i + 1)), (i / 2) * 32);
      levels.push(parent);
    }
    const tiles = Math.ceil(count / TILE_WIDTH);
    const tilesPerLoad = Math.floor(CHUNK / TILE_WIDTH);
    for (let start = 0; start < tiles; start += tilesPerLoad) {
      const end = Math.min(tiles, start + tilesPerLoad);
      const rows = function* () {
        for (let t = start; t < end; t += 100) {
          let text = '';
          for (let j = t; j < Math.min(end, t + 100); j++)
            text += `${j}\t${below.toString('hex', j * tileBytes, Math.min(below.length, (j + 1) * tileBytes))}\n`;
          yield Buffer.from(text);
        }
      };
      await loadData(
        db,
        `LOAD DATA LOCAL INFILE 'audit_tiles' INTO TABLE audit_tiles
           FIELDS TERMINATED BY '\\t' LINES TERMINATED BY '\\n' (@t, @h)
           SET program_id = ?, level = ?, tile = @t, hashes = UNHEX(@h)`,
        [programId, level],
        rows,
      );
      loaded += Math.min(count, end * TILE_WIDTH) - start * TILE_WIDTH;
      if (loaded >= reportAt || loaded === expected) {
        progress(say, 'audit_tiles (nodes)', loaded, expected, t0);
        reportAt = loaded + CHUNK;
      }
    }
  }
}

async function loadData(
  db: Connection,
  sql: string,
  values: unknown[],
  rows: () => Generator<Buffer>,
): Promise<void> {
  await db.query({ sql, values, infileStreamFactory: () => Readable.from(rows()) });
}

function progress(
  say: (s: string) => void,
  table: string,
  done: number,
  total: number,
  t0: number,
) {
  const s = (Date.now() - t0) / 1000;
  say(
    `    ${table}: ${done.toLocaleString('en')} / ${total.toLocaleString('en')} rows (${Math.round(done / s).toLocaleString('en')} rows/s)`,
  );
}

async function tableBytes(ctx: INestApplicationContext, name: string): Promise<number> {
  const [row]: { bytes: string }[] = await ctx
    .get(DataSource)
    .query(
      'SELECT SUM(data_length + index_length) AS bytes FROM information_schema.tables WHERE table_schema = ?',
      [name],
    );
  return Number(row?.bytes ?? 0);
}

/**
 * The check that the generated log is faithful: proofs the service builds from the stored subtrees
 * (AuditLogReader, in this process) verify with the sdk against the signed checkpoint and the
 * published key — first leaf, last leaf and random ones.
 */
async function checkProofs(log: ProofLog, count: number): Promise<void> {
  const reader = log.ctx.get(AuditLogReader);
  const note = await reader.checkpointNote(log.program);
  const r = new Prng(0xc4ec);
  const indexes = [
    0,
    log.size - 1,
    ...Array.from({ length: count - 2 }, () => r.int(0, log.size - 1)),
  ];
  for (const index of indexes) {
    const proof = await reader.inclusion(log.program, index, log.size);
    const result = verifyReceipt({
      hash: sha256LogHash,
      leafData: Buffer.from(proof.leafData, 'base64'),
      leafIndex: index,
      inclusionProof: proof.proof.map((p) => Buffer.from(p, 'base64')),
      checkpointNote: note,
      trustedKeys: log.trustedKeys,
      origin: log.origin,
    });
    if (!result.ok)
      throw new Error(
        `${log.name}: the proof of leaf ${index} does not verify (${result.step}: ${result.reason})`,
      );
  }
}

/**
 * Reads the log's leaves and tiles once, so proofs are measured with the log in MariaDB's buffer
 * pool (sized to hold it, shared/mariadb-sizing.ts), as a serving log is, rather than on the
 * first touch of each random page after a restart or a resize.
 */
async function warmBufferPool(url: string, say: (s: string) => void): Promise<void> {
  const t0 = Date.now();
  const db = await connect(url);
  try {
    await db.query('SELECT COUNT(*), SUM(LENGTH(leaf_data)) FROM audit_leaves');
    await db.query('SELECT COUNT(*), SUM(LENGTH(hashes)) FROM audit_tiles');
  } finally {
    await db.end();
  }
  say(
    `    buffer pool warmed with the log's leaves and tiles in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
}
