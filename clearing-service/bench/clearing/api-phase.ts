// Phases (2) and (3), against a database of their own (bench_clearing_api, made afresh each run,
// so the kept cycle of phase 1 gets no new captures): the audit-log head's ceiling, holds and
// captures through the api process beside a bare Fastify floor, and the worker's expiry sweeper.
import type { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { createConnection } from 'mysql2/promise';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { dropDatabase, migrateDatabase } from '../../src/database/migrate';
import { ResidentSessionsService } from '../../src/residents/services/resident-sessions.service';
import type { Program } from '../../src/tenancy/entities/program.entity';
import { ApiKeysService } from '../../src/tenancy/services/api-keys.service';
import { ParticipantsStore } from '../../src/tenancy/services/participants-store';
import { type Child, startChild, startScript, stopChild, waitForReady } from '../shared/processes';
import { benchEnv, configOf, openContext } from './context';
import { findProgram, seed } from './dataset';
import { headCeiling } from './head-ceiling';
import { openChains } from './chains';
import { closedLoop, type LoadResult, openLoop, type Target } from './load';
import { sweep } from './sweeper';
import { ensureOpenCycle } from '../../src/clearing/services/stamping';

export const API_DATABASE = 'bench_clearing_api';
const PORT = 3400;
const FLOOR_PORT = 3401;

export interface ApiPhases {
  head: { transactionsPerS: number; connections: number; seconds: number };
  floorSustained: LoadResult;
  floorAt500: LoadResult;
  sustained: LoadResult;
  at500: LoadResult;
  concurrency: number;
  sweeper: {
    holds: number;
    failed: number;
    swept: number;
    lagsS: number[];
    perS: number;
    ttlS: number;
  };
  /** The api's and the worker's last warning and error lines (LOG_LEVEL=warn logs nothing else). */
  logged: string[];
}

export async function runApiPhases(
  server: string,
  quick: boolean,
  say: (s: string) => void,
  children: Child[],
): Promise<ApiPhases> {
  const seconds = quick ? 5 : 20;
  const headSeconds = quick ? 3 : 8;
  const env = benchEnv(API_DATABASE, randomBytes(32).toString('base64'), {
    HTTP_PORT: String(PORT),
    DATABASE_POOL_SIZE: '20',
  });
  await dropDatabase(env.DATABASE_URL);
  await migrateDatabase(configOf(env));
  const ctx = await openContext(configOf(env));
  try {
    const db = await createConnection(env.DATABASE_URL);
    say(`    ${API_DATABASE}: 20 merchants, 5 issuers, 400 residents with credits`);
    await seed(ctx, db, {
      captures: 0,
      refundEvery: 100,
      merchants: 20,
      issuers: 5,
      residents: 400,
    });
    await db.end();
    const program = await findProgram(ctx);
    const residentIds: { id: number }[] = await ctx
      .get<DataSource>(getDataSourceToken())
      .query('SELECT id FROM residents WHERE program_id = ?', [program.id]);
    await openChains(
      ctx,
      program.id,
      residentIds.map((r) => Number(r.id)),
    );
    const target = await targetOf(ctx, program, `http://127.0.0.1:${PORT}`);
    await ensureOpenCycle(ctx.get<DataSource>(getDataSourceToken()), program);

    say(
      `(2a) the audit-log head's ceiling: AuditLogWriter.lockHead + append of one leaf a transaction, 16 at once, ${headSeconds} s`,
    );
    const head = await headCeiling(ctx, program, 16, headSeconds);
    say(
      `    ${Math.round(head.transactionsPerS).toLocaleString('en')} transactions/s: the most captures, holds, refunds and crediting batches the program can commit together`,
    );

    say('(2b) floor: bare Fastify answering the same routes');
    const floor = startScript('floor', join(__dirname, 'bare-redemption-server.js'), {
      PORT: String(FLOOR_PORT),
    });
    children.push(floor);
    await waitForReady(`http://127.0.0.1:${FLOOR_PORT}`, [floor]);
    const floorTarget = { ...target, base: `http://127.0.0.1:${FLOOR_PORT}` };
    const concurrency = 32;
    const floorSustained = await closedLoop(floorTarget, concurrency, quick ? 3 : 8);
    const floorAt500 = await openLoop(floorTarget, 250, quick ? 3 : 8);
    await stopChild(floor);

    say('(2c) the api process: code + hold + capture pairs');
    const api = startChild('api', 'main.api.js', env, null);
    const worker = startChild('worker', 'main.worker.js', env, null);
    children.push(api, worker);
    await waitForReady(target.base, [api, worker]);
    await closedLoop(target, 8, 2); // warm-up: JIT, pools, caches
    const sustained = await closedLoop(target, concurrency, seconds);
    const at500 = await openLoop(target, 250, seconds);

    say("(3) expiry sweeper: holds expiring at a steady rate, released by the worker's HoldExpiry");
    const sweeper = await sweep(ctx, program, quick ? 5 : 20, 50);
    await stopChild(api);
    await stopChild(worker);
    const logged = [
      ...api.lines.map((l) => `api: ${l}`),
      ...worker.lines.map((l) => `worker: ${l}`),
    ];
    return { head, floorSustained, floorAt500, sustained, at500, concurrency, sweeper, logged };
  } finally {
    await ctx.close();
  }
}

async function targetOf(
  ctx: INestApplicationContext,
  program: Program,
  base: string,
): Promise<Target> {
  const db = ctx.get<DataSource>(getDataSourceToken());
  const ids: { id: number }[] = await db.query(
    'SELECT id FROM residents WHERE program_id = ? ORDER BY id',
    [program.id],
  );
  const sessions = ctx.get(ResidentSessionsService);
  const residents: string[] = [];
  for (const r of ids) residents.push((await sessions.open(Number(r.id))).token);
  const keys = ctx.get(ApiKeysService);
  const merchants = [];
  for (const m of (await ctx.get(ParticipantsStore).list(program.id)).filter((p) => p.isMerchant))
    merchants.push({
      code: m.code,
      token: (await keys.issueForParticipant(program.id, m.id, 'bench')).token,
    });
  return { base, program: program.code, residents, merchants };
}
