import type { DataSource } from 'typeorm';
import { AuditKeyring } from '../../src/audit/services/audit-keyring';
import type { AppConfig } from '../../src/config/app-config';
import { SecretsKeyring } from '../../src/secrets/secrets-keyring';

/** The keyring a worker builds; configured keys need no database. */
export async function heldKeys(config: AppConfig, dataSource?: DataSource): Promise<AuditKeyring> {
  const keyring = new AuditKeyring(
    config,
    dataSource ?? (null as unknown as DataSource),
    new SecretsKeyring(config),
  );
  await keyring.onModuleInit();
  return keyring;
}
