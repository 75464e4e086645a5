import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';
import { withMigrationConfig } from './migration-context';

/** Creates the database if it is missing, then applies pending migrations; returns their names. */
export async function migrateDatabase(
  config: Pick<AppConfig, 'database' | 'secrets' | 'audit'>,
): Promise<string[]> {
  await createDatabaseIfMissing(config.database.url);
  const dataSource = new DataSource(dataSourceOptions(config));
  await dataSource.initialize();
  try {
    const applied = await withMigrationConfig(config, () =>
      dataSource.runMigrations({ transaction: 'each' }),
    );
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}

export async function createDatabaseIfMissing(url: string): Promise<void> {
  const { serverUrl, database } = splitDatabaseUrl(url);
  const server = new DataSource({ type: 'mysql', url: serverUrl });
  await server.initialize();
  try {
    await server.query(
      `CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  } finally {
    await server.destroy();
  }
}

export async function dropDatabase(url: string): Promise<void> {
  const { serverUrl, database } = splitDatabaseUrl(url);
  const server = new DataSource({ type: 'mysql', url: serverUrl });
  await server.initialize();
  try {
    await server.query(`DROP DATABASE IF EXISTS \`${database}\``);
  } finally {
    await server.destroy();
  }
}

/** mysql://user@host:3306/name → the server URL without a database, and the name (validated by config). */
export function splitDatabaseUrl(url: string): { serverUrl: string; database: string } {
  const parsed = new URL(url);
  const database = parsed.pathname.replace(/^\//, '');
  if (!/^[A-Za-z0-9_]+$/.test(database)) {
    throw new Error(`database name "${database}" may hold only letters, digits and _`);
  }
  parsed.pathname = '/';
  return { serverUrl: parsed.toString(), database };
}
