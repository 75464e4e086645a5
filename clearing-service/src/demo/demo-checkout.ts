// Which demo this is: the one of its state directory, the checkout's .demo/ (TANLIAN_DEMO_DIR
// moves it; the tests give each demo its own). Its database and queue prefix are named after that
// directory's real path and its secrets key is kept in it, so two checkouts on one machine run two
// demos that share nothing but the MariaDB and Redis servers.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoPorts, type DemoPorts } from './demo-ports';

const DEMO_MYSQL_SERVER = 'mysql://root@127.0.0.1:3306';
const DEMO_REDIS_URL = 'redis://127.0.0.1:6379';

export interface DemoCheckout {
  /** The state directory's real path: secrets key, credentials, state file. */
  stateDir: string;
  /** First 8 hex of the SHA-256 of stateDir: names this demo's database and queue prefix. */
  id: string;
  ports: DemoPorts;
  /** The environment the demo and its processes run with: explicit settings win over the defaults. */
  env: NodeJS.ProcessEnv;
}

/** This demo's identity and environment; a one-line message when PORT is not a usable port. */
export function locateDemo(
  given: NodeJS.ProcessEnv,
  defaultStateDir: string,
): DemoCheckout | { error: string } {
  const ports = demoPorts(given.PORT || given.HTTP_PORT);
  if ('error' in ports) return ports;
  const dir = given.TANLIAN_DEMO_DIR || defaultStateDir;
  mkdirSync(dir, { recursive: true });
  const stateDir = realpathSync(dir);
  const id = createHash('sha256').update(stateDir).digest('hex').slice(0, 8);
  const env: NodeJS.ProcessEnv = {
    ...given,
    DATABASE_URL: given.DATABASE_URL || `${DEMO_MYSQL_SERVER}/tanlian_demo_${id}`,
    REDIS_URL: given.REDIS_URL || DEMO_REDIS_URL,
    QUEUE_PREFIX: given.QUEUE_PREFIX || `{tanlian-demo-${id}}`,
    HTTP_PORT: String(ports.api),
    LOG_LEVEL: given.LOG_LEVEL || 'warn',
    TANLIAN_DEMO_DIR: stateDir,
  };
  return { stateDir, id, ports, env };
}

/**
 * TANLIAN_SECRETS_KEY, unless given: the content of the state directory's secrets-key file,
 * created on the first start. The file is passed as it is, so it may hold a keyring.
 */
export function withSecretsKey(checkout: DemoCheckout): NodeJS.ProcessEnv {
  if (checkout.env.TANLIAN_SECRETS_KEY) return checkout.env;
  const file = join(checkout.stateDir, 'secrets-key');
  mkdirSync(checkout.stateDir, { recursive: true });
  try {
    // Only if there is none ('wx'): a key once written must never be replaced, not even by a
    // second first start at the same moment.
    writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return { ...checkout.env, TANLIAN_SECRETS_KEY: readFileSync(file, 'utf8').trim() };
}
