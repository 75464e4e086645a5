// The kept dataset of bench:clearing: one program's OPEN cycle holding `captures` captures (and 1 %
// refunds) made by the service's own HoldsService, called in process — not bulk-inserted. Built on
// first use (resumable: an interrupted build continues where it stopped), reused while its shape
// is right, like bench:audit's 10^7-leaf log.
import type { INestApplicationContext } from '@nestjs/common';
import { createConnection, type Connection, type RowDataPacket } from 'mysql2/promise';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { migrateDatabase } from '../../src/database/migrate';
import { insertRows } from '../../src/database/sql';
import { issuanceSource, type AccountKey } from '../../src/ledger/ledger-account';
import { LedgerWriter, type NewTransaction } from '../../src/ledger/services/ledger-writer';
import type { Program } from '../../src/tenancy/entities/program.entity';
import { ParticipantsStore } from '../../src/tenancy/services/participants-store';
import { ProgramsStore } from '../../src/tenancy/services/programs-store';
import { benchEnv, configOf, openContext } from './context';
import { type DatasetCounts, datasetName, type DatasetPlan, shapeProblem } from './shape';
import { makeOperations } from './operations';

export const PROGRAM = 'bench';
/** Two lots per resident, of two issuers: a hold that outgrows the first spills into the second. */
const LOTS = [
  { expiresOn: '2028-06-30', points: 300 },
  { expiresOn: '2029-06-30', points: 2_000 },
];

export interface Dataset {
  name: string;
  env: Record<string, string>;
  reused: boolean;
  /** Seconds the captures took to make (this run or the one that built it), and their rate. */
  buildSeconds: number;
  opsPerS: number;
  counts: DatasetCounts;
}

export async function ensureDataset(
  server: string,
  plan: DatasetPlan,
  connections: number,
  say: (s: string) => void,
): Promise<Dataset> {
  const name = datasetName(plan);
  const admin = await createConnection(server);
  let marker: RowDataPacket | null = null;
  try {
    const [rows] = await admin.query<RowDataPacket[]>(
      `SELECT * FROM \`${name}\`.bench_clearing_build`,
    );
    marker = rows[0] ?? null;
  } catch {
    marker = null; // no database or no marker: never (completely) seeded
  } finally {
    await admin.end();
  }
  const secretsKey = marker ? String(marker.secrets_key) : randomBytes(32).toString('base64');
  const env = benchEnv(name, secretsKey, { DATABASE_POOL_SIZE: String(connections + 4) });
  await migrateDatabase(configOf(env));
  const db = await createConnection(env.DATABASE_URL);
  const ctx = await openContext(configOf(env));
  try {
    if (!marker) {
      say(
        `${name}: seeding ${plan.merchants} merchants, ${plan.issuers} issuers, ${plan.residents} residents and their credits`,
      );
      await seed(ctx, db, plan);
      await db.query(`CREATE TABLE bench_clearing_build (
        captures BIGINT UNSIGNED NOT NULL, secrets_key VARCHAR(64) NOT NULL,
        build_seconds INT UNSIGNED NULL, ops_per_s INT UNSIGNED NULL, built_at DATETIME(3) NULL)`);
      await db.query('INSERT INTO bench_clearing_build VALUES (?, ?, NULL, NULL, NULL)', [
        plan.captures,
        secretsKey,
      ]);
    }
    const program = (await ctx.get(ProgramsStore).findByCode(PROGRAM))!;
    let reused = marker?.built_at != null;
    let counts = await countsOf(db, program.id);
    let problem = shapeProblem(plan, counts);
    if (problem && reused) throw new Error(`${name} is kept but ${problem}: drop it to rebuild`);
    let buildSeconds = Number(marker?.build_seconds ?? 0);
    let opsPerS = Number(marker?.ops_per_s ?? 0);
    if (problem) {
      reused = false;
      say(
        `${name}: making ${plan.captures.toLocaleString('en')} holds and captures through HoldsService (${counts.captures.toLocaleString('en')} there already)`,
      );
      const made = await makeOperations(ctx, program, plan, connections, say);
      buildSeconds = Math.round(made.seconds);
      opsPerS = Math.round(made.opsPerS);
      counts = await countsOf(db, program.id);
      problem = shapeProblem(plan, counts);
      if (problem) throw new Error(`${name} after its build: ${problem}`);
      await db.query(
        'UPDATE bench_clearing_build SET build_seconds = ?, ops_per_s = ?, built_at = NOW(3)',
        [buildSeconds, opsPerS],
      );
    } else say(`reusing ${name} (captures made in ${buildSeconds} s, ${opsPerS} operations/s)`);
    return { name, env, reused, buildSeconds, opsPerS, counts };
  } finally {
    await ctx.close();
    await db.end();
  }
}

export async function findProgram(ctx: INestApplicationContext): Promise<Program> {
  const program = await ctx.get(ProgramsStore).findByCode(PROGRAM);
  if (!program) throw new Error(`program ${PROGRAM} is missing`);
  return program;
}

async function countsOf(db: Connection, programId: number): Promise<DatasetCounts> {
  const [[r]] = await db.query<RowDataPacket[]>(
    `SELECT
       (SELECT COUNT(*) FROM redemptions WHERE program_id = ? AND status IN ('captured', 'partially_refunded', 'refunded')) AS captures,
       (SELECT COUNT(*) FROM redemption_refunds) AS refunds,
       (SELECT COUNT(*) FROM clearing_entries WHERE program_id = ? AND cycle_seq = 1) AS \`lines\`,
       (SELECT COUNT(*) FROM (SELECT 1 FROM clearing_entries WHERE program_id = ? AND cycle_seq = 1
          GROUP BY merchant_id, issuer_id) p) AS pairs,
       (SELECT COUNT(*) FROM participants WHERE program_id = ? AND is_merchant) AS merchants,
       (SELECT COUNT(*) FROM participants WHERE program_id = ? AND is_operator) AS issuers`,
    [programId, programId, programId, programId, programId],
  );
  return Object.fromEntries(
    Object.entries(r).map(([k, v]) => [k, Number(v)]),
  ) as unknown as DatasetCounts;
}

/**
 * The program, its postpaid issuers and merchants through the tenancy stores; residents
 * bulk-inserted (as bench:ingest does: one by one would take minutes, and no hold reads more
 * than their id); each resident's two lots credited through the LedgerWriter, 500 residents a
 * transaction (issuance from the issuer's mint, as a postpaid credit posts it).
 */
export async function seed(
  ctx: INestApplicationContext,
  db: Connection,
  plan: DatasetPlan,
): Promise<void> {
  const program = await ctx.get(ProgramsStore).create({
    code: PROGRAM,
    name: 'bench:clearing',
    gramsPerPoint: 10,
    fenPerPoint: 1,
    auditHash: 'sha256',
    settlementCycle: 'daily',
  });
  const participants = ctx.get(ParticipantsStore);
  const issuers: number[] = [];
  for (let i = 1; i <= plan.issuers; i++) {
    const p = await participants.create(program.id, {
      code: `iss${String(i).padStart(2, '0')}`,
      name: `issuer ${i}`,
      roles: ['operator'],
      fundingMode: 'postpaid',
    });
    issuers.push(p.id);
  }
  for (let m = 1; m <= plan.merchants; m++)
    await participants.create(program.id, {
      code: `m${String(m).padStart(4, '0')}`,
      name: `merchant ${m}`,
      roles: ['merchant'],
    });
  for (let from = 0; from < plan.residents; from += 1_000) {
    const rows = [];
    for (let r = from; r < Math.min(plan.residents, from + 1_000); r++)
      rows.push([`res_bench${String(r).padStart(10, '0')}`, program.id, `bench-${r}`]);
    await insertRows(db, 'residents', ['public_id', 'program_id', 'wechat_openid'], rows);
  }
  const [ids] = await db.query<RowDataPacket[]>(
    'SELECT id FROM residents WHERE program_id = ? ORDER BY id',
    [program.id],
  );
  const ledger = ctx.get(LedgerWriter);
  const dataSource = ctx.get<DataSource>(getDataSourceToken());
  for (let from = 0; from < ids.length; from += 500) {
    const txs: NewTransaction[] = [];
    ids.slice(from, from + 500).forEach((row, k) => {
      const r = from + k;
      LOTS.forEach((lot, l) => {
        const issuerId = issuers[(r + l * 7) % issuers.length];
        const account: AccountKey = {
          issuerId,
          kind: 'resident',
          ownerId: Number(row.id),
          expiresOn: lot.expiresOn,
        };
        txs.push({
          kind: 'issuance',
          reference: `bench-credit:${row.id}:${l}`,
          postings: [
            { account: issuanceSource(issuerId, 'postpaid'), amount: -lot.points },
            { account, amount: lot.points },
          ],
        });
      });
    });
    await dataSource.transaction(async (m) => {
      const accounts = await ledger.lockAccounts(
        m,
        program.id,
        txs.flatMap((t) => t.postings.map((p) => p.account)),
      );
      await ledger.write(m, program.id, txs, accounts, new Date());
    });
  }
}
