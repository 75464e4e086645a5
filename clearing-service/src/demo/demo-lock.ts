import { createConnection, type RowDataPacket } from 'mysql2/promise';
import { splitDatabaseUrl } from '../database/migrate';

// MariaDB's wait_timeout can be at most a year; the lock must outlive the longest demo session.
const A_YEAR_S = 31_536_000;

/**
 * Takes a server-wide MariaDB lock named after the demo's database and holds it for as long as
 * this process lives (it goes with the connection, so a killed demo leaves none behind). A second
 * demo on the same database, or a reset of it, stops here instead of damaging the running one.
 */
export async function lockDemoDatabase(url: string): Promise<void> {
  const { serverUrl, database } = splitDatabaseUrl(url);
  const connection = await createConnection({ uri: serverUrl });
  connection.on('error', () => undefined); // the lock is lost with the server; the api says so
  await connection.query(`SET SESSION wait_timeout = ${A_YEAR_S}`);
  const [[row]] = await connection.query<RowDataPacket[]>('SELECT GET_LOCK(?, 0) AS got', [
    `tanlian-demo:${database}`,
  ]);
  if (Number(row.got) === 1) return;
  await connection.end();
  throw new Error(
    `another demo runs on database ${database} (this checkout's, or one started with DATABASE_URL naming it): stop it first (Ctrl-C in its terminal)`,
  );
}
