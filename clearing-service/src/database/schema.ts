// Every domain module owns its entities and migrations; this file only gathers them for the DataSource.
// TypeORM runs migrations in timestamp order, whatever the order here.
import type { MigrationInterface } from 'typeorm';
import { auditEntities, auditMigrations } from '../audit/audit.schema';
import { clearingEntities, clearingMigrations } from '../clearing/clearing.schema';
import { callbacksEntities, callbacksMigrations } from '../callbacks/callbacks.schema';
import { creditingEntities, creditingMigrations } from '../crediting/crediting.schema';
import { fundingEntities, fundingMigrations } from '../funding/funding.schema';
import { idempotencyEntities, idempotencyMigrations } from '../idempotency/idempotency.schema';
import { ingestEntities, ingestMigrations } from '../ingest/ingest.schema';
import { ledgerEntities, ledgerMigrations } from '../ledger/ledger.schema';
import { merchantsEntities, merchantsMigrations } from '../merchants/merchants.schema';
import { methodologyEntities, methodologyMigrations } from '../methodology/methodology.schema';
import {
  notificationsEntities,
  notificationsMigrations,
} from '../notifications/notifications.schema';
import { reportingEntities, reportingMigrations } from '../reporting/reporting.schema';
import { redemptionEntities, redemptionMigrations } from '../redemption/redemption.schema';
import { residentsEntities, residentsMigrations } from '../residents/residents.schema';
import { tenancyEntities, tenancyMigrations } from '../tenancy/tenancy.schema';

interface ModuleSchema {
  entities: readonly (new () => object)[];
  migrations: readonly (new () => MigrationInterface)[];
}

const modules: ModuleSchema[] = [
  { entities: tenancyEntities, migrations: tenancyMigrations },
  { entities: methodologyEntities, migrations: methodologyMigrations },
  { entities: residentsEntities, migrations: residentsMigrations },
  { entities: ingestEntities, migrations: ingestMigrations },
  { entities: ledgerEntities, migrations: ledgerMigrations },
  { entities: auditEntities, migrations: auditMigrations },
  { entities: creditingEntities, migrations: creditingMigrations },
  { entities: callbacksEntities, migrations: callbacksMigrations },
  { entities: idempotencyEntities, migrations: idempotencyMigrations },
  { entities: redemptionEntities, migrations: redemptionMigrations },
  { entities: merchantsEntities, migrations: merchantsMigrations },
  { entities: clearingEntities, migrations: clearingMigrations },
  { entities: fundingEntities, migrations: fundingMigrations },
  { entities: notificationsEntities, migrations: notificationsMigrations },
  { entities: reportingEntities, migrations: reportingMigrations },
];

export const schemaEntities = modules.flatMap((m) => m.entities);
export const schemaMigrations = modules.flatMap((m) => m.migrations);
