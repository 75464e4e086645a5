// `node bench/ingest/run.js connection-states [seconds]`: what the bench database's connections are
// doing, sampled every 10 ms for `seconds` (20 by default); start it once `npm run bench:ingest`
// prints "(a) throughput". Prints the average number of connections (of every process: the api,
// each worker's crediting lanes and audit integrator, the bench) in each state: running a statement
// (by the statement's first words), waiting for a row lock, idle inside a transaction (the server
// waits for its client: JavaScript between two statements, or a client waiting for a core), idle.
import type { RowDataPacket } from 'mysql2/promise';
import { connect, MYSQL_SERVER } from './setup';

interface ConnectionRow extends RowDataPacket {
  command: string;
  state: string | null;
  info: string | null;
  trx_state: string | null;
}

function stateOf(r: ConnectionRow): string {
  const inTransaction = r.trx_state !== null;
  if (r.command === 'Sleep') return inTransaction ? 'idle inside a transaction' : 'idle';
  if (r.trx_state === 'LOCK WAIT') return 'waiting for a row lock';
  const statement = (r.info ?? '').replace(/\s+/g, ' ').trim().split(' ').slice(0, 3).join(' ');
  return `running: ${statement || r.command}`;
}

async function main(): Promise<void> {
  const seconds = Number(process.argv[3] ?? 20);
  const db = await connect(`${MYSQL_SERVER}/information_schema`);
  const counts = new Map<string, number>();
  let samples = 0;
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    const [rows] = await db.query<ConnectionRow[]>(
      `SELECT p.COMMAND AS command, p.STATE AS state, LEFT(p.INFO, 60) AS info, t.trx_state
         FROM information_schema.PROCESSLIST p
         LEFT JOIN information_schema.INNODB_TRX t ON t.trx_mysql_thread_id = p.ID
        WHERE p.DB LIKE 'tl\\_bench\\_ingest\\_%'`,
    );
    if (rows.length > 0) {
      samples += 1;
      for (const r of rows) counts.set(stateOf(r), (counts.get(stateOf(r)) ?? 0) + 1);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  await db.end();
  if (samples === 0) {
    process.stdout.write('no bench database had connections: is `npm run bench:ingest` running?\n');
    return;
  }
  process.stdout.write(`${samples} samples; connections on average, by state\n`);
  for (const [state, n] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, 25))
    process.stdout.write(`${(n / samples).toFixed(2).padStart(6)}  ${state}\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
