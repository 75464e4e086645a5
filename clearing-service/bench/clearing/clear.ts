// Phase 1: the kept cycle reset, then cleared in a child process (clear-child.ts).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createConnection, type RowDataPacket } from 'mysql2/promise';
import type { CycleCheckResult } from '../../src/clearing/services/cycle-check';
import { cpuMeter, cpuSeconds, pidsOf } from '../shared/processes';
import { resetCycle } from './reset';
import { PROGRAM } from './dataset';

export interface ClearResult {
  ms: Record<'close' | 'aggregate' | 'issue' | 'check', number>;
  totalMs: number;
  check: CycleCheckResult;
  maxRssMb: number;
  rssBeforeMb: number;
  files: { n: number; bytes: number };
  cancellations: number;
  reset: boolean;
  /** Cores used during the clear, by process. */
  cpu: Record<string, number>;
}

export async function runClear(env: Record<string, string>): Promise<ClearResult> {
  const db = await createConnection(env.DATABASE_URL);
  try {
    const [[p]] = await db.query<RowDataPacket[]>('SELECT id FROM programs WHERE code = ?', [
      PROGRAM,
    ]);
    const reset = await resetCycle(db, Number(p.id));
    let cpu: Record<string, number> = {};
    const out = await child(env, (pid) => {
      const mariadb = [...pidsOf('mariadbd'), ...pidsOf('mysqld')];
      const meter = cpuMeter({
        clear: () => cpuSeconds(pid),
        mariadb: () => mariadb.reduce((s, id) => s + cpuSeconds(id), 0),
      });
      // Sampled while the child lives: its /proc entry is gone once it has exited.
      const timer = setInterval(() => (cpu = meter.read()), 250);
      return () => clearInterval(timer);
    });
    const [[files]] = await db.query<RowDataPacket[]>(
      `SELECT COUNT(*) AS n, COALESCE(SUM(LENGTH(content)), 0) AS bytes FROM clearing_files f
         JOIN clearing_cycles c ON c.id = f.cycle_id WHERE c.program_id = ? AND c.seq = 1`,
      [p.id],
    );
    const [[tx]] = await db.query<RowDataPacket[]>(
      "SELECT COUNT(*) AS n FROM ledger_transactions WHERE program_id = ? AND reference LIKE 'cancellation:1:%'",
      [p.id],
    );
    const ms = out.ms as ClearResult['ms'];
    return {
      ...out,
      ms,
      totalMs: ms.close + ms.aggregate + ms.issue + ms.check,
      files: { n: Number(files.n), bytes: Number(files.bytes) },
      cancellations: Number(tx.n),
      reset,
      cpu,
    };
  } finally {
    await db.end();
  }
}

function child(
  env: Record<string, string>,
  meter: (pid: number) => () => void,
): Promise<Omit<ClearResult, 'files' | 'cancellations' | 'reset' | 'totalMs' | 'cpu'>> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [join(__dirname, 'run.js'), '--clear-child'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, BENCH_CLEARING_ENV: JSON.stringify(env) },
    });
    const stopMeter = meter(p.pid!);
    let out = '';
    let err = '';
    p.stdout.on('data', (c: Buffer) => (out += c.toString()));
    p.stderr.on('data', (c: Buffer) => (err += c.toString()));
    p.on('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      stopMeter();
      if (code !== 0 || !line.startsWith('{'))
        reject(new Error(`the clear failed (${code}): ${err || out}`));
      else resolve(JSON.parse(line));
    });
  });
}
