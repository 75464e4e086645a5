import type { MigrationInterface } from 'typeorm';

// The methodology module's tables; gathered with every other module's in database/schema.ts.
export const methodologyEntities: (new () => object)[] = [];
export const methodologyMigrations: (new () => MigrationInterface)[] = [];
