import { createConnection } from 'mysql2/promise';

/** What a deployment gives MariaDB on a machine like this (24 GiB): the benches' tables fit (the 10^7-leaf proof log alone is 2 GiB). */
const BUFFER_POOL = 4 * 2 ** 30;
const REDO_LOG = 1 * 2 ** 30;

/**
 * Sizes the local MariaDB as a deployment would (deploy/: the buffer pool holds the working set,
 * the redo log spans a few seconds of writes), when it runs with the distribution's defaults
 * (128 MiB and 96 MiB): otherwise the 10^7-leaf log and the ingest's tables are read from disk and
 * checkpoints flush every few seconds, and the benches measure the defaults rather than the code.
 * Both are resized online (MariaDB ≥ 10.9) and last until MariaDB restarts. Says what it did.
 */
export async function sizeMariaDb(server: string, say: (line: string) => void): Promise<void> {
  const db = await createConnection(server);
  try {
    const [[row]] = (await db.query(
      'SELECT @@innodb_buffer_pool_size AS pool, @@innodb_log_file_size AS redo',
    )) as unknown as [{ pool: string; redo: string }[]];
    const changed: string[] = [];
    for (const [name, current, wanted] of [
      ['innodb_buffer_pool_size', Number(row.pool), BUFFER_POOL],
      ['innodb_log_file_size', Number(row.redo), REDO_LOG],
    ] as const) {
      if (current >= wanted) continue;
      await db.query(`SET GLOBAL ${name} = ${wanted}`);
      changed.push(`${name} ${mib(current)} → ${mib(wanted)}`);
    }
    say(
      changed.length > 0
        ? `MariaDB sized as deployed: ${changed.join(', ')} (until it restarts)`
        : `MariaDB: buffer pool ${mib(Number(row.pool))}, redo log ${mib(Number(row.redo))}`,
    );
  } finally {
    await db.end();
  }
}

const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;
