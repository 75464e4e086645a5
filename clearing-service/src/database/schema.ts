// Every domain module owns its entities and migrations; this file only gathers them for the DataSource.
import { methodologyEntities, methodologyMigrations } from '../methodology/methodology.schema';
import { residentsEntities, residentsMigrations } from '../residents/residents.schema';
import { tenancyEntities, tenancyMigrations } from '../tenancy/tenancy.schema';

export const schemaEntities = [...tenancyEntities, ...methodologyEntities, ...residentsEntities];
export const schemaMigrations = [
  ...tenancyMigrations,
  ...methodologyMigrations,
  ...residentsMigrations,
];
