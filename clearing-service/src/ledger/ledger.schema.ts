import type { MigrationInterface } from 'typeorm';
import { CreateLedger1763700400000 } from './migrations/1763700400000-create-ledger';
import { WidenLedgerReference1763701000000 } from './migrations/1763701000000-widen-ledger-reference';
import { DropDuplicatePostingIndex1763701900000 } from './migrations/1763701900000-drop-duplicate-posting-index';
import { AddPointsExpiry1763702700000 } from './migrations/1763702700000-add-points-expiry';
import { AddHolds1763702800000 } from './migrations/1763702800000-add-holds';
import { AddRefunds1763703000000 } from './migrations/1763703000000-add-refunds';
import { AddCancellation1763703300000 } from './migrations/1763703300000-add-cancellation';

// The ledger module's tables; gathered with every other module's in database/schema.ts.
export const ledgerEntities: (new () => object)[] = [];
export const ledgerMigrations: (new () => MigrationInterface)[] = [
  CreateLedger1763700400000,
  WidenLedgerReference1763701000000,
  DropDuplicatePostingIndex1763701900000,
  AddPointsExpiry1763702700000,
  AddHolds1763702800000,
  AddRefunds1763703000000,
  AddCancellation1763703300000,
];
