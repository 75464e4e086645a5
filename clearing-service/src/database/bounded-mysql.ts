import type { Socket } from 'node:net';
import { createPool, type Pool, type PoolConnection, type PoolOptions } from 'mysql2';
import { isConnectionFailure } from './mysql-errors';
import { OutageLog } from './outage-log';
import { markUnavailable } from './storage-unavailable';

type Callback = (err: Error | null, ...results: unknown[]) => void;
type Query = (sql: unknown, values?: unknown, callback?: Callback) => unknown;
type Bounded = Omit<PoolConnection, 'query'> & { query: Query; stream?: Socket; [BOUNDED]?: true };

const BOUNDED = Symbol('tanlian.bounded-statements');

/**
 * mysql2 as TypeORM's driver for the api (DataSourceOptions.driver): no request waits on MySQL
 * longer than `boundMs` (STORAGE_TIMEOUT_MS) for a connection from the pool, nor for any one
 * statement. Plain mysql2 would hang when the server is black-holed (the TCP peer accepts and never
 * answers): its pool queue has no timeout, and its own per-query `timeout` answers the caller but
 * leaves the connection in the pool with the statement still queued on it. Connection failures are
 * marked as a MySQL outage (503 storage_unavailable); a statement's own errors pass unchanged.
 * A wait past the bound while MySQL answers other statements is load, not an outage (Liveness).
 * The cost: one timer per acquisition and per statement, nothing more sent to the server.
 */
export function boundedMysql2(boundMs: number): { createPool(options: PoolOptions): Pool } {
  return {
    createPool: (options) =>
      boundPool(
        utcSessionPool(createPool(options)),
        boundMs,
        new OutageLog('MySQL', 'requests answer 503 storage_unavailable'),
      ),
  };
}

/**
 * mysql2 whose every new connection first sets its session clock to UTC: `timezone: 'Z'` only
 * converts JavaScript dates, while NOW(3), CURRENT_TIMESTAMP and DATETIME defaults follow the
 * session's time zone, which is the server's unless set. Holds expire by NOW(3) and offers by
 * UTC_TIMESTAMP(3); with this they agree on any server.
 */
export function utcSessions(driver: { createPool(options: PoolOptions): Pool }): {
  createPool(options: PoolOptions): Pool;
} {
  return { createPool: (options) => utcSessionPool(driver.createPool(options)) };
}

function utcSessionPool(pool: Pool): Pool {
  // Queued on the connection before the statement it was opened for; a failure here fails that
  // statement's connection, not silently.
  pool.on('connection', (connection) => {
    connection.query("SET time_zone = '+00:00'", (err: Error | null) => {
      if (err) connection.destroy();
    });
  });
  return pool;
}

/** A busy server is not an outage: while it answers others, a wait may last this many bounds. */
export const BUSY_BOUNDS = 10;

/**
 * When MySQL last answered any statement of the pool. A wait past the bound is an outage only if
 * nothing answered since it began: under load (lock waits, a full pool) answers keep coming, and
 * the wait goes on, up to BUSY_BOUNDS bounds (a single dead connection to a live server).
 */
class Liveness {
  private last = 0;

  constructor(
    private readonly boundMs: number,
    private readonly outage: OutageLog,
  ) {}

  answered(): void {
    this.last = performance.now();
    this.outage.answered();
  }

  /** Calls `expired` once the wait that began at `started` counts as an outage. */
  watch(expired: () => void): { stop(): void } {
    const started = performance.now();
    let timer: NodeJS.Timeout;
    const check = () => {
      const busy = this.last > started && performance.now() - started < BUSY_BOUNDS * this.boundMs;
      if (busy) timer = setTimeout(check, this.boundMs);
      else expired();
    };
    timer = setTimeout(check, this.boundMs);
    return { stop: () => clearTimeout(timer) };
  }
}

function boundPool(pool: Pool, boundMs: number, outage: OutageLog): Pool {
  const getConnection = pool.getConnection.bind(pool);
  const liveness = new Liveness(boundMs, outage);
  const unavailable = (err: Error) => {
    outage.failed(err);
    return markUnavailable(err, 'MySQL');
  };
  pool.getConnection = (callback) => {
    let waiting = true;
    const watch = liveness.watch(() => {
      waiting = false;
      callback(unavailable(new Error(`no MySQL connection within ${boundMs} ms`)), null!);
    });
    getConnection((err, connection) => {
      if (!waiting) {
        // Its caller has had its answer; a connection that came late serves the next one.
        if (!err) connection.release();
        return;
      }
      waiting = false;
      watch.stop();
      if (err) callback(unavailable(err), connection);
      else callback(null, boundStatements(connection, boundMs, unavailable, liveness));
    });
  };
  return pool;
}

function boundStatements(
  pooled: PoolConnection,
  boundMs: number,
  unavailable: (err: Error) => Error,
  liveness: Liveness,
): PoolConnection {
  const connection = pooled as unknown as Bounded;
  if (connection[BOUNDED]) return pooled;
  connection[BOUNDED] = true;
  const query = connection.query.bind(connection) as Query;
  connection.query = (sql, values, callback) => {
    // Without a callback the rows are streamed (TypeORM's stream()): left as mysql2 has it.
    if (typeof callback !== 'function') return query(sql, values, callback);
    let waiting = true;
    const watch = liveness.watch(() => {
      waiting = false;
      // Out of the pool and closed: a socket that never answers would hold every later statement.
      connection.destroy();
      connection.stream?.destroy();
      callback(unavailable(new Error(`no answer from MySQL within ${boundMs} ms`)));
    });
    return query(sql, values, (err, ...results) => {
      if (!waiting) return;
      waiting = false;
      watch.stop();
      const lost = err !== null && isConnectionFailure(err);
      if (!lost) liveness.answered(); // a statement's own error is an answer too
      callback(lost ? unavailable(err) : err, ...results);
    });
  };
  return pooled;
}
