import type { MigrationInterface } from 'typeorm';
import { CreateReductions1763700600000 } from './migrations/1763700600000-create-reductions';
import { CreateMeteredUse1763701500000 } from './migrations/1763701500000-create-metered-use';
import { RecordEventOutcomes1763701700000 } from './migrations/1763701700000-record-event-outcomes';
import { CoverTripLookups1763702000000 } from './migrations/1763702000000-cover-trip-lookups';

// The crediting module's tables; gathered with every other module's in database/schema.ts.
export const creditingEntities: (new () => object)[] = [];
export const creditingMigrations: (new () => MigrationInterface)[] = [
  CreateReductions1763700600000,
  CreateMeteredUse1763701500000,
  RecordEventOutcomes1763701700000,
  CoverTripLookups1763702000000,
];
