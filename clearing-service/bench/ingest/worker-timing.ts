// `node bench/ingest/run.js worker-timing [events] [--redo]`: where one crediting batch spends its
// time. On a database of its own (seeded like the bench), stores simulated events straight into the
// inbox, then runs the worker's own CreditingBatch in this process, batch after batch, timing every
// SQL statement it sends (by the statement's shape) and the JavaScript between them. --redo also
// measures the redo log each statement writes (InnoDB's LSN before and after it): nothing else may
// write to the server meanwhile, and the times are longer (two more round trips per statement).
import 'reflect-metadata';
import { DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomBytes } from 'node:crypto';
import type { Connection, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import type { AppConfig } from '../../src/config/app-config';
import { ConfigModule } from '../../src/config/config.module';
import { CreditingWorkerModule } from '../../src/crediting/crediting.module';
import { CreditingBatch } from '../../src/crediting/services/crediting-batch';
import { InboxSweeper } from '../../src/crediting/services/inbox-sweeper';
import { DatabaseModule } from '../../src/database/database.module';
import { EventStream } from '../../src/demo/simulator';
import { QueueModule } from '../../src/queue/queue.module';
import { SecretsModule } from '../../src/secrets/secrets.module';
import { connect, createBenchDatabase, dropBenchDatabase } from './setup';
import { timeStatements } from '../shared/statement-timing';
import { cpuSeconds, pidsOf } from '../shared/processes';
import { inboxRow } from '../../src/ingest/inbox-row';

@Module({})
class TimingModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: TimingModule,
      imports: [
        ConfigModule.forRoot(config),
        // The keyring: sealed secrets (resident salts and keys) the crediting writes need.
        SecretsModule,
        DatabaseModule.forRoot(),
        QueueModule.forProducer(),
        CreditingWorkerModule,
      ],
    };
  }
}

// Statements queued through StatementQueue arrive with their values inlined: fold them back to `?`.
const shape = (sql: string) =>
  sql
    .replace(/\s+/g, ' ')
    .replace(
      /X'[0-9a-f]*'|'(?:[^'\\]|\\.)*'|(?<![\w.])-?\d+(?:\.\d+)?(?![\w.])|\bNULL\b|\btrue\b|\bfalse\b/g,
      '?',
    )
    .replace(/\((\?, )+\?\)/g, '(…)')
    .replace(/(, \(…\))+/g, ', …')
    .replace(/(WHEN \? THEN \? ?)+/g, 'WHEN … ')
    .trim()
    .slice(0, 110);
const redo = process.argv.includes('--redo');
let lsnProbe: Connection | null = null;
// The redo log's current LSN; 0 until the crediting starts (the inserts before are not counted).
async function lsn(): Promise<number> {
  if (!lsnProbe) return 0;
  const [rows] = await lsnProbe.query<RowDataPacket[]>(
    "SHOW GLOBAL STATUS LIKE 'Innodb_lsn_current'",
  );
  return Number(rows[0].Value);
}
const { timings } = timeStatements(shape, redo ? lsn : undefined);

async function main(): Promise<void> {
  const events = Number(process.argv.slice(3).find((a) => !a.startsWith('--')) ?? 30_000);
  const bench = await createBenchDatabase(20_000);
  try {
    const db = await connect(bench.env.DATABASE_URL);
    const stream = new EventStream(bench.population, { seed: 0x7e57 });
    const operators = bench.program.operators;
    const now = new Date();
    for (let stored = 0; stored < events;) {
      const rows = [];
      while (rows.length < 1000 && stored + rows.length < events) {
        const { event: e, operator, redelivery } = stream.next();
        if (redelivery) continue;
        rows.push(inboxRow(bench.program.id, operators[operator].id, e, randomBytes(32), now));
      }
      await db.query<ResultSetHeader>(
        `INSERT INTO inbox_events (program_id, operator_id, event_id, body_hash, behaviour, external_user,
           started_at, ended_at, distance_m, units, district, evidence_hash, received_at, status) VALUES ?`,
        [rows],
      );
      stored += rows.length;
    }
    await db.end();
    process.stdout.write(
      `${events.toLocaleString('en')} events stored; crediting them in this process\n`,
    );

    const ctx = await NestFactory.createApplicationContext(TimingModule.forRoot(bench.config), {
      logger: ['error'],
    });
    await ctx.get(InboxSweeper).onApplicationShutdown(); // this tool drives the batches itself
    const batch = ctx.get(CreditingBatch);
    const warm = (await batch.run(bench.program.id)).claimed; // first batch: JIT, pools; not counted
    if (redo) lsnProbe = await connect(bench.env.DATABASE_URL);
    timings.clear();
    const mariadb = [...pidsOf('mariadbd'), ...pidsOf('mysqld')];
    const serverCpu = () => mariadb.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
    const server0 = serverCpu();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    let credited = 0;
    let batches = 0;
    for (;;) {
      const { claimed: n } = await batch.run(bench.program.id);
      if (n === 0) break;
      credited += n;
      batches += 1;
    }
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const serverMs = (serverCpu() - server0) * 1000;
    await ctx.close();
    await lsnProbe?.end();
    const sqlMs = [...timings.values()].reduce((s, x) => s + x.ms, 0);
    process.stdout.write(
      `${credited.toLocaleString('en')} events in ${batches} batches (+${warm} warm-up): ${(credited / (wall / 1000)).toFixed(0)} events/s; ` +
        `${(wall / batches).toFixed(1)} ms per batch = ${(sqlMs / batches).toFixed(1)} ms waiting on SQL + ${((wall - sqlMs) / batches).toFixed(1)} ms JavaScript while no statement ran; ` +
        `process CPU ${((cpu.user + cpu.system) / 1000 / batches).toFixed(1)} ms per batch; MariaDB CPU ${(serverMs / batches).toFixed(1)} ms per batch\n\nms per batch  calls${redo ? '  redo B/event' : ''}  statement\n`,
    );
    for (const [k, v] of [...timings].sort((a, b) => b[1].ms - a[1].ms).slice(0, 30))
      process.stdout.write(
        `${(v.ms / batches).toFixed(1).padStart(8)}  ${(v.n / batches).toFixed(1).padStart(5)}${redo ? (v.counted / credited).toFixed(0).padStart(14) : ''}  ${k}\n`,
      );
  } finally {
    await dropBenchDatabase(bench);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
