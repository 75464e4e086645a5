// Every domain module owns its entities and migrations; this file only gathers them for the DataSource.
import { tenancyEntities, tenancyMigrations } from '../tenancy/tenancy.schema';

export const schemaEntities = [...tenancyEntities];
export const schemaMigrations = [...tenancyMigrations];
