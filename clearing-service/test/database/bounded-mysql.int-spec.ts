/**
 * The api's MySQL driver (bounded-mysql.ts) against the real MariaDB: a wait longer than the bound,
 * for a statement or for a connection, ends in a marked outage at the bound, and the pool goes on
 * serving; a statement's own errors pass unmarked.
 */
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BUSY_BOUNDS } from '../../src/database/bounded-mysql';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { storageOutageOf } from '../../src/database/storage-unavailable';
import { createTestDatabase, TestDatabase } from '../support/test-config';

const BOUND_MS = 300;

let db: TestDatabase;
let dataSource: DataSource;
// What the driver says about outages (OutageLog), caught here instead of printed.
const warned = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
const said = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);

beforeAll(async () => {
  db = await createTestDatabase('bounded_mysql');
  const database = { ...db.config.database, poolSize: 1 };
  dataSource = await new DataSource(dataSourceOptions({ database }, BOUND_MS)).initialize();
});
afterAll(async () => {
  await dataSource.destroy();
  await db.drop();
});

/** How a query ends: its error (or null) and how long it took. */
async function outcome(sql: string): Promise<{ error: unknown; ms: number }> {
  const started = Date.now();
  try {
    await dataSource.query(sql);
    return { error: null, ms: Date.now() - started };
  } catch (error) {
    return { error, ms: Date.now() - started };
  }
}

it('ends a statement with no answer within the bound as a MySQL outage, and serves the next one on a new connection', async () => {
  const [before] = await dataSource.query('SELECT CONNECTION_ID() AS id');
  const slow = await outcome('SELECT SLEEP(2)');
  expect(storageOutageOf(slow.error)).toMatchObject({
    httpStatus: 503,
    code: 'storage_unavailable',
    store: 'MySQL',
  });
  expect(slow.ms).toBeGreaterThanOrEqual(BOUND_MS - 5);
  expect(slow.ms).toBeLessThan(BOUND_MS + 200);
  // The timed-out connection left the pool: the next statement does not queue behind the sleep.
  const next = Date.now();
  const [after] = await dataSource.query('SELECT CONNECTION_ID() AS id');
  expect(Date.now() - next).toBeLessThan(BOUND_MS);
  expect(after.id).not.toEqual(before.id);
});

it('ends a wait for a connection at the bound when the pool has none free', async () => {
  const holder = dataSource.createQueryRunner();
  await holder.connect(); // the pool's only connection
  try {
    const starved = await outcome('SELECT 1');
    expect(storageOutageOf(starved.error)).toMatchObject({ store: 'MySQL' });
    expect(starved.ms).toBeLessThan(BOUND_MS + 200);
  } finally {
    await holder.release();
  }
  expect(await dataSource.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
});

it('says an outage once when it starts and once when MySQL answers again', async () => {
  warned.mockClear();
  said.mockClear();
  await outcome('SELECT SLEEP(2)');
  await outcome('SELECT SLEEP(2)');
  expect(warned.mock.calls).toEqual([
    [expect.stringMatching(/^MySQL unavailable \(no answer from MySQL within 300 ms\)/)],
  ]);
  expect(said).not.toHaveBeenCalled();
  await dataSource.query('SELECT 1');
  await dataSource.query('SELECT 1');
  expect(said.mock.calls).toEqual([[expect.stringMatching(/^MySQL answers again/)]]);
});

it("passes a statement's own errors on unmarked", async () => {
  const bad = await outcome('SELEC 1');
  expect(bad.error).toMatchObject({ code: 'ER_PARSE_ERROR' });
  expect(storageOutageOf(bad.error)).toBeNull();
});

describe('a busy MySQL is not an outage', () => {
  let busy: DataSource;
  beforeAll(async () => {
    busy = await new DataSource(
      dataSourceOptions({ database: { ...db.config.database, poolSize: 2 } }, BOUND_MS),
    ).initialize();
  });
  afterAll(() => busy.destroy());

  /** Quick statements on the other connection until `done`, as other requests would run. */
  async function traffic(done: () => boolean): Promise<void> {
    while (!done()) {
      await busy.query('SELECT 1');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it('lets a statement run past the bound while MySQL answers others, up to BUSY_BOUNDS bounds', async () => {
    let finished = false;
    const others = traffic(() => finished);
    const started = Date.now();
    await expect(busy.query('SELECT SLEEP(1) AS slept')).resolves.toEqual([{ slept: 0 }]);
    const tookMs = Date.now() - started;
    // A dead connection to a live server still ends: at BUSY_BOUNDS bounds.
    const capped = Date.now();
    const stuck = await busy
      .query(`SELECT SLEEP(${(BUSY_BOUNDS * BOUND_MS) / 1000 + 2})`)
      .catch((e) => e);
    finished = true;
    await others;
    expect(tookMs).toBeGreaterThanOrEqual(1000);
    expect(storageOutageOf(stuck)).toMatchObject({ store: 'MySQL' });
    expect(Date.now() - capped).toBeLessThan(BUSY_BOUNDS * BOUND_MS + 2 * BOUND_MS);
    expect(Date.now() - capped).toBeGreaterThanOrEqual(BUSY_BOUNDS * BOUND_MS - 5);
  });

  it('lets a request wait past the bound for a connection while the pool is busy answering', async () => {
    const one = await new DataSource(
      dataSourceOptions({ database: { ...db.config.database, poolSize: 1 } }, BOUND_MS),
    ).initialize();
    try {
      const holder = one.createQueryRunner();
      await holder.connect();
      const waiting = one.query('SELECT 2 AS two');
      // The holder keeps MySQL answering for three bounds, then gives the connection back.
      for (let i = 0; i < 15; i++) {
        await holder.query('SELECT 1');
        await new Promise((r) => setTimeout(r, 60));
      }
      await holder.release();
      await expect(waiting).resolves.toEqual([{ two: 2 }]);
    } finally {
      await one.destroy();
    }
  });
});
