import type { MigrationInterface } from 'typeorm';
import { InboxEvent } from './entities/inbox-event.entity';
import { CreateInbox1763700300000 } from './migrations/1763700300000-create-inbox';
import { IndexInboxByResident1763700900000 } from './migrations/1763700900000-index-inbox-by-resident';
import { LightenInboxIndexes1763701600000 } from './migrations/1763701600000-lighten-inbox-indexes';
import { ShareOperatorIndex1763701800000 } from './migrations/1763701800000-share-operator-index';

// The ingest module's tables; gathered with every other module's in database/schema.ts.
export const ingestEntities: (new () => object)[] = [InboxEvent];
export const ingestMigrations: (new () => MigrationInterface)[] = [
  CreateInbox1763700300000,
  IndexInboxByResident1763700900000,
  LightenInboxIndexes1763701600000,
  ShareOperatorIndex1763701800000,
];
