/**
 * Every connection the service opens, through the api's bounded driver or the worker's and the
 * CLI's plain one, runs its session on UTC: NOW(3) (holds, codes) and UTC_TIMESTAMP(3) (offers)
 * are then one clock, whatever time zone the server was started with.
 */
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { createTestDatabase, TestDatabase } from '../support/test-config';

let db: TestDatabase;
const sources: DataSource[] = [];

beforeAll(async () => {
  db = await createTestDatabase('utc_sessions');
});
afterAll(async () => {
  await Promise.all(sources.map((s) => s.destroy()));
  await db.drop();
});

it.each([
  ['the api (bounded)', 300],
  ['the worker and the CLI (plain)', undefined],
])('%s: every pooled session is on UTC', async (_, boundMs) => {
  const database = { ...db.config.database, poolSize: 3 };
  const source = await new DataSource(dataSourceOptions({ database }, boundMs)).initialize();
  sources.push(source);
  // Three statements at once take three connections: each new one is set before its statement.
  const rows: { tz: string; skew: string }[][] = await Promise.all(
    [1, 2, 3].map(() =>
      source.query(
        `SELECT @@session.time_zone AS tz,
                TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(3), NOW(3)) AS skew, SLEEP(0.05)`,
      ),
    ),
  );
  for (const [row] of rows)
    expect({ tz: row.tz, skew: Number(row.skew) }).toEqual({ tz: '+00:00', skew: 0 });
});
