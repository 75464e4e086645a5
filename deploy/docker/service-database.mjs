// A database and queue prefix of their own for a Tanlian process the deploy checks start (the
// Dockerfile's run, the metrics test), on the local MariaDB and Redis (deploy/local/services.sh).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

const MYSQL = process.env.TEST_MYSQL_SERVER ?? 'mysql://root@127.0.0.1:3306';
const REDIS = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The service's environment for `name` on `port`; `drop()` removes the database afterwards. */
export function serviceDatabase(name, port) {
  const suffix = randomBytes(4).toString('hex');
  const database = `tl_${name}_${suffix}`;
  return {
    env: {
      DATABASE_URL: `${MYSQL}/${database}`,
      REDIS_URL: REDIS,
      QUEUE_PREFIX: `{tl-${name}-${suffix}}`,
      TANLIAN_SECRETS_KEY: randomBytes(32).toString('base64'),
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: String(port),
      LOG_LEVEL: 'warn',
    },
    drop() {
      const { hostname, port: p, username } = new URL(MYSQL);
      execFileSync('mysql', [
        '-h',
        hostname,
        '-P',
        p || '3306',
        '-u',
        username || 'root',
        '-e',
        `DROP DATABASE IF EXISTS ${database}`,
      ]);
    },
  };
}
