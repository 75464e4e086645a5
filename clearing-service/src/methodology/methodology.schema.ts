import type { MigrationInterface } from 'typeorm';
import { Methodology } from './entities/methodology.entity';
import { CreateMethodologies1763700100000 } from './migrations/1763700100000-create-methodologies';

// The methodology module's tables; gathered with every other module's in database/schema.ts.
export const methodologyEntities: (new () => object)[] = [Methodology];
export const methodologyMigrations: (new () => MigrationInterface)[] = [
  CreateMethodologies1763700100000,
];
