import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import IORedis from 'ioredis';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { createConnection, type Connection, type RowDataPacket } from 'mysql2/promise';
import { CliModule } from '../../src/cli/cli.module';
import type { AppConfig } from '../../src/config/app-config';
import { loadConfig } from '../../src/config/load-config';
import { dropDatabase, migrateDatabase } from '../../src/database/migrate';
import { DEMO_OPERATOR_ROLES } from '../../src/demo/demo-program';
import { OPERATOR_ROLES, type OperatorRole, Population } from '../../src/demo/simulator';
import { MethodologySeeder } from '../../src/methodology/services/methodology-seeder';
import { ParticipantsStore } from '../../src/tenancy/services/participants-store';
import { ProgramsStore } from '../../src/tenancy/services/programs-store';
import { WebhookSecretsService } from '../../src/tenancy/services/webhook-secrets.service';
import { stopChild, type Child } from '../shared/processes';

export const MYSQL_SERVER = process.env.TEST_MYSQL_SERVER ?? 'mysql://root@127.0.0.1:3306';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface SeededProgram {
  id: number;
  code: string;
  /** Operator code → participant id and whsec_ secret. */
  operators: Record<string, { id: number; secret: string; role: OperatorRole }>;
}

export interface BenchDatabase {
  name: string;
  config: AppConfig;
  /** Environment of the api and worker children. */
  env: Record<string, string>;
  population: Population;
  /** Population index → resident id. */
  residentIds: number[];
  program: SeededProgram;
  /** A second program with the same operators, only for the bare-mysql2 floor. */
  floor: SeededProgram;
}

/**
 * A database of the bench's own (like test/support/test-config.ts), migrated through the same code
 * as production; a program seeded with the Shenzhen methodologies and five postpaid operators
 * (postpaid: every credit moves points, the full write path); the simulated residents and their
 * bindings, bulk-inserted because binding tens of thousands one by one would take minutes.
 */
export async function createBenchDatabase(residents: number): Promise<BenchDatabase> {
  const suffix = randomBytes(3).toString('hex');
  const name = `tl_bench_ingest_${suffix}`;
  const env = {
    DATABASE_URL: `${MYSQL_SERVER}/${name}`,
    REDIS_URL,
    QUEUE_PREFIX: `{tl-bench-${suffix}}`,
    TANLIAN_SECRETS_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'warn',
    HTTP_HOST: '127.0.0.1',
    HTTP_PORT: String(await freePort()),
  };
  const config = loadConfig(env);
  await migrateDatabase(config);

  const population = new Population({
    seed: 0xbe_7c_4,
    residents,
    operators: DEMO_OPERATOR_ROLES,
    unboundShare: 0.01,
  });
  const ctx = await NestFactory.createApplicationContext(CliModule.forRoot(config), {
    logger: ['error'],
  });
  let program: SeededProgram;
  let floor: SeededProgram;
  try {
    program = await seedProgram(ctx, 'bench', true);
    floor = await seedProgram(ctx, 'floor', false);
  } finally {
    await ctx.close();
  }
  const db = await connect(env.DATABASE_URL);
  try {
    const residentIds = await insertResidents(db, program, population);
    return { name, config, env, population, residentIds, program, floor };
  } finally {
    await db.end();
  }
}

async function seedProgram(
  ctx: Awaited<ReturnType<typeof NestFactory.createApplicationContext>>,
  code: string,
  methodologies: boolean,
): Promise<SeededProgram> {
  const program = await ctx.get(ProgramsStore).create({
    code,
    name: `${code} (bench)`,
    gramsPerPoint: 10,
    fenPerPoint: 1,
    auditHash: 'sha256',
    settlementCycle: 'daily',
  });
  if (methodologies) await ctx.get(MethodologySeeder).seedMethodologies(program.id);
  const operators: SeededProgram['operators'] = {};
  for (const role of OPERATOR_ROLES) {
    const participant = await ctx.get(ParticipantsStore).create(program.id, {
      code: DEMO_OPERATOR_ROLES[role],
      name: DEMO_OPERATOR_ROLES[role],
      roles: ['operator'],
      fundingMode: 'postpaid',
    });
    const issued = await ctx.get(WebhookSecretsService).issue(participant, { scheme: 'v1' });
    operators[participant.code] = { id: participant.id, secret: issued.plaintext!, role };
  }
  return { id: program.id, code, operators };
}

/** The rows ResidentsService.findOrCreate and BindingsService.redeem would write, in bulk. */
async function insertResidents(
  db: Connection,
  program: SeededProgram,
  population: Population,
): Promise<number[]> {
  const CHUNK = 2000;
  const rs = population.residents;
  for (let i = 0; i < rs.length; i += CHUNK) {
    const rows = rs
      .slice(i, i + CHUNK)
      .map((r) => [`res_${randomBytes(8).toString('hex')}`, program.id, r.openid]);
    await db.query('INSERT INTO residents (public_id, program_id, wechat_openid) VALUES ?', [rows]);
  }
  const [found] = await db.query<RowDataPacket[]>(
    'SELECT id, wechat_openid FROM residents WHERE program_id = ?',
    [program.id],
  );
  const idByOpenid = new Map(found.map((r) => [String(r.wechat_openid), Number(r.id)]));
  const residentIds = rs.map((r) => idByOpenid.get(r.openid)!);
  const bindings = population.bindings();
  for (let i = 0; i < bindings.length; i += CHUNK) {
    const rows = bindings
      .slice(i, i + CHUNK)
      .map((b) => [
        program.id,
        program.operators[b.operator].id,
        b.user,
        residentIds[b.residentIndex],
      ]);
    await db.query(
      'INSERT INTO resident_bindings (program_id, participant_id, external_user_id, resident_id) VALUES ?',
      [rows],
    );
  }
  return residentIds;
}

/** A mysql2 connection that reads and writes times in UTC, as the service does. */
export async function connect(url: string): Promise<Connection> {
  const db = await createConnection({
    uri: url,
    timezone: 'Z',
    supportBigNumbers: true,
    bigNumberStrings: false,
    multipleStatements: false,
  });
  await db.query("SET time_zone = '+00:00'");
  return db;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Drops the bench's database and its queue keys (wake-ups only; nothing else lives there). */
export async function dropBenchDatabase(
  bench: Pick<BenchDatabase, 'config' | 'env'>,
): Promise<void> {
  await dropDatabase(bench.config.database.url).catch(() => undefined);
  const redis = new IORedis(bench.env.REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    let rounds = 0;
    do {
      const [next, keys] = await redis.scan(
        cursor,
        'MATCH',
        `${bench.env.QUEUE_PREFIX}*`,
        'COUNT',
        1000,
      );
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0' && ++rounds < 10_000);
  } catch {
    // leaving a few wake-up keys behind is harmless
  } finally {
    redis.disconnect();
  }
}

/** A bench's clean-up: its children stopped, then its database dropped unless it is to be kept. */
export async function stopAndDrop(
  children: readonly Child[],
  bench: BenchDatabase | null,
  keepDb: boolean,
  say: (line: string) => void,
): Promise<void> {
  await Promise.all(children.map((c) => stopChild(c, 5000)));
  if (bench && !keepDb) await dropBenchDatabase(bench);
  else if (bench) say(`kept database ${bench.name}`);
}
