// The bench's data, made once and kept between runs in database reporting_bench_dashboards:
// 10^7 reductions over one year × 9 districts × 5 behaviours × 5 operators, inserted in bulk by
// SQL, and the rollups built from them by reporting's own rebuild (replaceRollups), the code that
// `reporting:rebuild --replace` runs.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { createHash } from 'node:crypto';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { CliModule } from '../../src/cli/cli.module';
import { loadConfig } from '../../src/config/load-config';
import { migrateDatabase } from '../../src/database/migrate';
import { replaceRollups } from '../../src/reporting/services/rollup-rebuild';
import { ApiKeysService } from '../../src/tenancy/services/api-keys.service';
import { ParticipantsStore } from '../../src/tenancy/services/participants-store';
import { ProgramsStore } from '../../src/tenancy/services/programs-store';
import { StaffUsersService } from '../../src/tenancy/services/staff-users.service';
import { connect, MYSQL_SERVER, REDIS_URL } from '../ingest/setup';

export const NAME = 'reporting_bench_dashboards';
export const REDUCTIONS = 10_000_000;
/** Active residents are counted distinctly; their number sets the distinct sets' size. */
export const RESIDENTS = 1_000;
export const DISTRICTS = [
  '440303',
  '440304',
  '440305',
  '440306',
  '440307',
  '440308',
  '440309',
  '440310',
  '440311',
];
export const BEHAVIOURS = ['metro', 'bus', 'bike', 'walk', 'electricity'];
/** The year the reductions span: China days 2025-12-01 … 2026-11-30. */
export const FIRST_DAY = '2025-12-01';
export const LAST_DAY = '2026-11-30';

export const ENV = {
  DATABASE_URL: `${MYSQL_SERVER}/${NAME}`,
  REDIS_URL,
  QUEUE_PREFIX: '{reporting-bench}',
  // A bench database's own key, the same every run so the kept database stays readable.
  TANLIAN_SECRETS_KEY: createHash('sha256').update(NAME).digest('base64'),
  LOG_LEVEL: 'warn',
  HTTP_HOST: '127.0.0.1',
  HTTP_PORT: process.env.PORT ?? '3700',
};

export interface Prepared {
  programId: number;
  programCode: string;
  operatorIds: number[];
  bureauKey: string;
  preparedNow: boolean;
  prepareSeconds: number;
}

const list = (xs: string[]) => xs.map((x) => `'${x}'`).join(', ');

async function count(db: Connection, sql: string, params: unknown[] = []): Promise<number> {
  const [rows] = await db.query<RowDataPacket[]>(sql, params);
  return Number(rows[0]?.n ?? 0);
}

/** Makes the data unless a complete copy is there; issues a fresh bureau key every run. */
export async function prepare(say: (s: string) => void): Promise<Prepared> {
  const started = Date.now();
  const config = loadConfig(ENV);
  await migrateDatabase(config);
  const ctx = await NestFactory.createApplicationContext(CliModule.forRoot(config), {
    logger: ['error'],
  });
  const db = await connect(ENV.DATABASE_URL);
  try {
    let program = await ctx.get(ProgramsStore).findByCode('dash');
    if (!program)
      program = await ctx.get(ProgramsStore).create({
        code: 'dash',
        name: 'dashboards (bench)',
        gramsPerPoint: 10,
        fenPerPoint: 1,
        auditHash: 'sha256',
        settlementCycle: 'daily',
      });
    const participants = ctx.get(ParticipantsStore);
    const operatorIds: number[] = [];
    for (let i = 1; i <= 5; i++) {
      const code = `op-${i}`;
      const existing = await participants.findByCode(program.id, code);
      operatorIds.push(
        existing?.id ??
          (
            await participants.create(program.id, {
              code,
              name: code,
              roles: ['operator'],
              fundingMode: 'postpaid',
            })
          ).id,
      );
    }
    const have = await count(db, 'SELECT COUNT(*) AS n FROM reductions WHERE program_id = ?', [
      program.id,
    ]);
    const rolled = await count(
      db,
      'SELECT COUNT(*) AS n FROM reporting_reductions WHERE program_id = ?',
      [program.id],
    );
    let preparedNow = false;
    if (have !== REDUCTIONS || rolled === 0) {
      preparedNow = true;
      await db.query('SET SESSION foreign_key_checks = 0');
      await db.query('DELETE FROM reductions WHERE program_id = ?', [program.id]);
      const step = 1_000_000;
      const seconds = 365 * 86_400;
      for (let from = 0; from < REDUCTIONS; from += step) {
        const t = Date.now();
        // Row i: operator, behaviour and district cycle independently; its time spreads the
        // rows evenly over the year (China midnight of FIRST_DAY is 16:00 UTC the day before).
        await db.query(
          `INSERT INTO reductions (program_id, resident_id, operator_id, inbox_event_id, methodology_id,
             methodology_code, methodology_version, behaviour, is_trip, calculated_mg, reduction_mg,
             formula, district, started_at, ended_at, points, points_status, ledger_transaction_id, created_at)
           SELECT ?, 1 + (seq * 7919) % ${RESIDENTS}, ELT(1 + seq % 5, ${operatorIds.join(', ')}),
                  ${2_000_000_000} + seq, 1, 'BENCH', 1, ELT(1 + (seq DIV 5) % 5, ${list(BEHAVIOURS)}), 1,
                  1000 + seq % 9000, 1000 + seq % 9000, 'bench',
                  ELT(1 + (seq DIV 25) % 9, ${list(DISTRICTS)}),
                  TIMESTAMP('2025-11-30 16:00:00') + INTERVAL FLOOR(seq * ${seconds} / ${REDUCTIONS}) SECOND,
                  TIMESTAMP('2025-11-30 16:00:00') + INTERVAL FLOOR(seq * ${seconds} / ${REDUCTIONS}) + 600 SECOND,
                  (1000 + seq % 9000) DIV 10000, 'none', NULL, NOW(3)
             FROM seq_${from}_to_${Math.min(from + step, REDUCTIONS) - 1}`,
          [program.id],
        );
        say(
          `  reductions ${Math.min(from + step, REDUCTIONS).toLocaleString('en')} (${((Date.now() - t) / 1000).toFixed(0)} s)`,
        );
      }
      const t = Date.now();
      say('  rollups: reporting’s rebuild over the reductions (replaceRollups)');
      await replaceRollups(ctx.get(DataSource), program.id);
      say(`  rollups built in ${((Date.now() - t) / 1000).toFixed(0)} s`);
    }
    const staff = await ctx.get(StaffUsersService).createBureauUser(program.id, 'bench bureau');
    const bureauKey = (await ctx.get(ApiKeysService).issueForStaff(staff, 'bench')).token;
    return {
      programId: program.id,
      programCode: program.code,
      operatorIds,
      bureauKey,
      preparedNow,
      prepareSeconds: (Date.now() - started) / 1000,
    };
  } finally {
    await db.end();
    await ctx.close();
  }
}
