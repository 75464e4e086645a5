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
 * The cost: one timer per acquisition and per statement, nothing more sent to the server.
 */
export function boundedMysql2(boundMs: number): { createPool(options: PoolOptions): Pool } {
  return {
    createPool: (options) =>
      boundPool(
        createPool(options),
        boundMs,
        new OutageLog('MySQL', 'requests answer 503 storage_unavailable'),
      ),
  };
}

function boundPool(pool: Pool, boundMs: number, outage: OutageLog): Pool {
  const getConnection = pool.getConnection.bind(pool);
  const unavailable = (err: Error) => {
    outage.failed(err);
    return markUnavailable(err, 'MySQL');
  };
  pool.getConnection = (callback) => {
    let waiting = true;
    const timer = setTimeout(() => {
      waiting = false;
      callback(unavailable(new Error(`no MySQL connection within ${boundMs} ms`)), null!);
    }, boundMs);
    getConnection((err, connection) => {
      if (!waiting) {
        // Its caller has had its answer; a connection that came late serves the next one.
        if (!err) connection.release();
        return;
      }
      waiting = false;
      clearTimeout(timer);
      if (err) callback(unavailable(err), connection);
      else callback(null, boundStatements(connection, boundMs, unavailable, outage));
    });
  };
  return pool;
}

function boundStatements(
  pooled: PoolConnection,
  boundMs: number,
  unavailable: (err: Error) => Error,
  outage: OutageLog,
): PoolConnection {
  const connection = pooled as unknown as Bounded;
  if (connection[BOUNDED]) return pooled;
  connection[BOUNDED] = true;
  const query = connection.query.bind(connection) as Query;
  connection.query = (sql, values, callback) => {
    // Without a callback the rows are streamed (TypeORM's stream()): left as mysql2 has it.
    if (typeof callback !== 'function') return query(sql, values, callback);
    let waiting = true;
    const timer = setTimeout(() => {
      waiting = false;
      // Out of the pool and closed: a socket that never answers would hold every later statement.
      connection.destroy();
      connection.stream?.destroy();
      callback(unavailable(new Error(`no answer from MySQL within ${boundMs} ms`)));
    }, boundMs);
    return query(sql, values, (err, ...results) => {
      if (!waiting) return;
      waiting = false;
      clearTimeout(timer);
      if (!err) outage.answered();
      callback(err && isConnectionFailure(err) ? unavailable(err) : err, ...results);
    });
  };
  return pooled;
}
