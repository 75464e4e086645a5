import type { MigrationInterface } from 'typeorm';
import { CallbackDelivery } from './entities/callback-delivery.entity';
import { ParticipantCallback } from './entities/participant-callback.entity';
import { CreateCallbacks1763700700000 } from './migrations/1763700700000-create-callbacks';
import { ParticipantCallbacks1763703600000 } from './migrations/1763703600000-participant-callbacks';

// The callbacks module's tables; gathered with every other module's in database/schema.ts.
export const callbacksEntities: (new () => object)[] = [ParticipantCallback, CallbackDelivery];
export const callbacksMigrations: (new () => MigrationInterface)[] = [
  CreateCallbacks1763700700000,
  ParticipantCallbacks1763703600000,
];
