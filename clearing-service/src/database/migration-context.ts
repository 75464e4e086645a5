import type { AppConfig } from '../config/app-config';

/**
 * What a data migration may need beyond SQL: the configuration, for the few that seal or sign
 * (secrets at rest, the log's signing keys). Set by migrateDatabase for the length of its run.
 */
export type MigrationConfig = Pick<AppConfig, 'secrets' | 'audit'>;

let current: MigrationConfig | null = null;

export async function withMigrationConfig<T>(
  config: MigrationConfig,
  run: () => Promise<T>,
): Promise<T> {
  current = config;
  try {
    return await run();
  } finally {
    current = null;
  }
}

export function migrationConfig(migration: string): MigrationConfig {
  if (!current) {
    throw new Error(
      `migration ${migration} needs the service's configuration (TANLIAN_SECRETS_KEY): run it with \`npm run cli -- db:migrate\``,
    );
  }
  return current;
}
