import type { MigrationInterface } from 'typeorm';

// The residents module's tables; gathered with every other module's in database/schema.ts.
export const residentsEntities: (new () => object)[] = [];
export const residentsMigrations: (new () => MigrationInterface)[] = [];
