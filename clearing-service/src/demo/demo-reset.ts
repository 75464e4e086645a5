import { rmSync } from 'node:fs';
import { createConnection, type RowDataPacket } from 'mysql2/promise';
import type { AppConfig } from '../config/app-config';
import { dropDatabase, splitDatabaseUrl } from '../database/migrate';
import { createRedis } from '../queue/redis-connection';
import { describeDatabase, readDemoState } from './demo-state';

/**
 * `npm start -- --reset`: forgets this demo — drops its database, removes its Redis keys and
 * deletes its state directory — and says what it did; the start then goes on afresh. A database
 * the old state named instead is left alone: it may be another checkout's (a copied .demo/).
 */
export async function resetDemo(
  config: AppConfig,
  stateDir: string,
  say: (line: string) => void,
): Promise<void> {
  const { serverUrl, database } = splitDatabaseUrl(config.database.url);
  const saved = readDemoState(stateDir);
  const existed = await databaseExists(serverUrl, database);
  if (existed) await dropDatabase(config.database.url);
  const prefix = config.redis.queuePrefix;
  const keys = await removeRedisKeys(config.redis.url, prefix);
  rmSync(stateDir, { recursive: true, force: true });
  say(
    `reset: ${existed ? `dropped database ${database}` : `no database ${database} to drop`}, removed ${keys} Redis keys under ${prefix}, deleted ${stateDir}`,
  );
  if (saved && saved.database !== database)
    say(
      `reset: left database ${describeDatabase(saved)} alone: the old state named it, and it may be another checkout's`,
    );
}

async function databaseExists(serverUrl: string, database: string): Promise<boolean> {
  const connection = await createConnection({ uri: serverUrl });
  try {
    const [rows] = await connection.query<RowDataPacket[]>(
      'SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?',
      [database],
    );
    return rows.length > 0;
  } finally {
    await connection.end();
  }
}

/** Every key under the prefix: BullMQ's queues, jobs and wake-ups of this demo, no one else's. */
export async function removeRedisKeys(url: string, prefix: string): Promise<number> {
  const redis = createRedis(url, 'producer');
  let removed = 0;
  try {
    // Braces are literal in a SCAN pattern; QUEUE_PREFIX admits none of * ? [ ] \.
    for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 1000 })) {
      if ((keys as string[]).length) removed += await redis.unlink(...(keys as string[]));
    }
  } finally {
    redis.disconnect();
  }
  return removed;
}
