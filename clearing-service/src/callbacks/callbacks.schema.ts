import type { MigrationInterface } from 'typeorm';
import { CallbackDelivery } from './entities/callback-delivery.entity';
import { OperatorCallback } from './entities/operator-callback.entity';
import { CreateCallbacks1763700700000 } from './migrations/1763700700000-create-callbacks';

// The callbacks module's tables; gathered with every other module's in database/schema.ts.
export const callbacksEntities: (new () => object)[] = [OperatorCallback, CallbackDelivery];
export const callbacksMigrations: (new () => MigrationInterface)[] = [CreateCallbacks1763700700000];
