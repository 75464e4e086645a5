import { DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/app-config';
import * as mysql2 from 'mysql2';
import { boundedMysql2, utcSessions } from './bounded-mysql';
import { schemaEntities, schemaMigrations } from './schema';

/**
 * One place that says how the service talks to MySQL/MariaDB; used by the api, the worker, the CLI
 * and tests. `boundMs`: the api's, where no request waits on MySQL longer (see bounded-mysql.ts);
 * the worker's and the CLI's statements may take as long as their work needs.
 */
export function dataSourceOptions(
  config: Pick<AppConfig, 'database'>,
  boundMs?: number,
): DataSourceOptions {
  return {
    type: 'mysql',
    // Every session's clock is UTC (NOW(3) = UTC_TIMESTAMP(3)), whatever the server's time zone.
    driver: boundMs ? boundedMysql2(boundMs) : utcSessions(mysql2),
    connectorPackage: 'mysql2',
    url: config.database.url,
    poolSize: config.database.poolSize,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    // BIGINT columns come back as strings so no amount is ever silently rounded by a JS number.
    supportBigNumbers: true,
    bigNumberStrings: true,
    connectTimeout: 2000,
    entities: schemaEntities,
    migrations: schemaMigrations,
    migrationsTableName: 'schema_migrations',
    // Schema changes go through migrations only, everywhere (tests included).
    synchronize: false,
    migrationsRun: false,
    // Failed queries surface as exceptions where they are handled; logging them too would only add noise.
    logging: false,
  };
}
