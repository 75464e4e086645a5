import type { MigrationInterface } from 'typeorm';
import { CreateReporting1763710500000 } from './migrations/1763710500000-create-reporting';

// The reporting module's tables; gathered with every other module's in database/schema.ts.
export const reportingEntities: (new () => object)[] = [];
export const reportingMigrations: (new () => MigrationInterface)[] = [CreateReporting1763710500000];
