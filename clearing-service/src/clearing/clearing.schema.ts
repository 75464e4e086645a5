import { CreateClearing1763703400000 } from './migrations/1763703400000-create-clearing';

// The clearing module's tables; gathered with every other module's in database/schema.ts. Its
// statements are plain SQL in its stores: no entities.
export const clearingEntities: (new () => object)[] = [];
export const clearingMigrations = [CreateClearing1763703400000];
