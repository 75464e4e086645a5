import type { MigrationInterface } from 'typeorm';
import { CreateIdempotencyKeys1763702450000 } from './migrations/1763702450000-create-idempotency-keys';

// The idempotency module's table; gathered with every other module's in database/schema.ts.
export const idempotencyEntities: (new () => object)[] = [];
export const idempotencyMigrations: (new () => MigrationInterface)[] = [
  CreateIdempotencyKeys1763702450000,
];
