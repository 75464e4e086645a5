// The state directory's state.json: which database and queue prefix its secrets key and
// credentials belong to, and the ports of the last start. A start whose key does not fit its
// database stops here with one line, rather than answering every event push with a 500 because
// the operators' secrets do not open.
import type { INestApplicationContext } from '@nestjs/common';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '../config/app-config';
import { splitDatabaseUrl } from '../database/migrate';
import { SecretsReseal } from '../secrets/secrets-reseal';
import type { DemoCheckout } from './demo-checkout';
import type { DemoPorts } from './demo-ports';

export const RESET_ADVICE = "run `npm start -- --reset` to start this checkout's demo afresh";

export interface DemoState {
  stateDir: string;
  /** The database's name, and the server it is on (host:port). */
  database: string;
  server: string;
  queuePrefix: string;
  ports: DemoPorts;
}

export function demoStateOf(checkout: DemoCheckout, config: AppConfig): DemoState {
  const { database } = splitDatabaseUrl(config.database.url);
  return {
    stateDir: checkout.stateDir,
    database,
    server: new URL(config.database.url).host,
    queuePrefix: config.redis.queuePrefix,
    ports: checkout.ports,
  };
}

export function readDemoState(stateDir: string): DemoState | null {
  const file = join(stateDir, 'state.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as DemoState) : null;
}

export function writeDemoState(state: DemoState): void {
  writeFileSync(join(state.stateDir, 'state.json'), `${JSON.stringify(state, null, 2)}\n`);
}

export function describeDatabase(state: Pick<DemoState, 'database' | 'server'>): string {
  return `${state.database} on ${state.server}`;
}

/** The state directory was written for another database (set DATABASE_URL, or a moved checkout). */
export function checkSameDatabase(saved: DemoState | null, current: DemoState): void {
  if (!saved || (saved.database === current.database && saved.server === current.server)) return;
  const moved = saved.stateDir !== current.stateDir ? ` (written at ${saved.stateDir})` : '';
  throw new Error(
    `${current.stateDir} holds the keys of database ${describeDatabase(saved)}${moved}, not of ${describeDatabase(current)} that this start uses: ${RESET_ADVICE}`,
  );
}

/**
 * Every secret the database keeps sealed opens with this start's key. Otherwise the state
 * directory is not the one the database was seeded with (deleted, or another checkout's).
 */
export async function checkSecretsOpen(
  app: INestApplicationContext,
  current: DemoState,
  keySource: string,
): Promise<void> {
  // Every sealed kind (webhook and callback secrets, log salts, the development signing key).
  const { kinds } = await app.get(SecretsReseal).status();
  if (kinds.some((k) => k.unreadable > 0)) {
    throw new Error(
      `database ${describeDatabase(current)} holds secrets sealed under another key than ${keySource}: ${RESET_ADVICE}`,
    );
  }
}
