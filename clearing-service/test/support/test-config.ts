import { randomBytes } from 'node:crypto';
import { AppConfig } from '../../src/config/app-config';
import { loadConfig } from '../../src/config/load-config';
import { dropDatabase, migrateDatabase } from '../../src/database/migrate';

// The real MariaDB and Redis (deploy/local/services.sh makes sure they answer); override for other hosts.
export const TEST_MYSQL_SERVER = process.env.TEST_MYSQL_SERVER ?? 'mysql://root@127.0.0.1:3306';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestDatabase {
  config: AppConfig;
  env: Record<string, string>;
  drop(): Promise<void>;
}

/**
 * A database of this test file's own, created and migrated through the same code as production,
 * and a queue prefix of its own, so test files run in parallel without seeing each other.
 */
export async function createTestDatabase(
  name: string,
  overrides: Record<string, string> = {},
): Promise<TestDatabase> {
  const suffix = randomBytes(4).toString('hex');
  const database = `tl_test_${name.replace(/[^a-z0-9]/gi, '_').slice(0, 30)}_${suffix}`;
  const env = {
    DATABASE_URL: `${TEST_MYSQL_SERVER}/${database}`,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: `{tl-test-${suffix}}`,
    TANLIAN_SECRETS_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    HTTP_PORT: '0',
    ...overrides,
  };
  const config = loadConfig(env);
  await migrateDatabase(config);
  return { config, env, drop: () => dropDatabase(config.database.url) };
}
