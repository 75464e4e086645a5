import { Socket } from 'node:net';

// The unit tier runs with MariaDB and Redis stopped. A unit test that still reaches for one would
// hang on retries or pass only on a machine where they run: refuse the connection and fail the
// test that asked, naming where it should live instead.
const STORE_PORTS = new Map<number, string>([
  [3306, 'MariaDB'],
  [6379, 'Redis'],
]);
for (const [variable, store] of [
  ['TEST_MYSQL_SERVER', 'MariaDB'],
  ['TEST_REDIS_URL', 'Redis'],
] as const) {
  const url = process.env[variable];
  const port = url ? Number(new URL(url).port) : 0;
  if (port) STORE_PORTS.set(port, store);
}

type GuardedConnect = typeof Socket.prototype.connect & { refused: string[] };

function portOf(args: unknown[]): number | null {
  // net.connect() hands the socket its normalised [options, listener]; callers may pass options or a port.
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (typeof first === 'number' || typeof first === 'string') return Number(first) || null;
  if (typeof first === 'object' && first !== null && 'port' in first) return Number(first.port);
  return null;
}

// `node:net` is shared by every test file of a jest worker, while this file runs once per test
// file: wrap connect once, and keep what it refused on the wrapper for each file's check below.
function guard(): GuardedConnect {
  const current = Socket.prototype.connect as Partial<GuardedConnect>;
  if (current.refused) return current as GuardedConnect;
  const connect = Socket.prototype.connect as (...a: unknown[]) => Socket;
  const guarded = function guardedConnect(this: Socket, ...args: unknown[]) {
    const port = portOf(args);
    const store = port === null ? undefined : STORE_PORTS.get(port);
    if (store) {
      const message = `a unit test connected to ${store} (port ${port}): move it to *.int-spec.ts`;
      guarded.refused.push(message);
      throw new Error(message);
    }
    return connect.apply(this, args);
  } as unknown as GuardedConnect;
  guarded.refused = [];
  Socket.prototype.connect = guarded;
  return guarded;
}

const guarded = guard();

afterEach(() => {
  const seen = guarded.refused.splice(0);
  if (seen.length > 0) throw new Error(seen[0]);
});
