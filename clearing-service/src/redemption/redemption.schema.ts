import { CreateRedemptionCodes1763702500000 } from './migrations/1763702500000-create-redemption-codes';
import { CreateRedemptions1763702900000 } from './migrations/1763702900000-create-redemptions';
import { CreateRedemptionRefunds1763703100000 } from './migrations/1763703100000-create-redemption-refunds';
import { AddPurchases1763703500000 } from './migrations/1763703500000-add-purchases';

// The redemption module's tables; gathered with every other module's in database/schema.ts. Its
// statements are plain SQL in its stores: no entities.
export const redemptionEntities: (new () => object)[] = [];
export const redemptionMigrations = [
  CreateRedemptionCodes1763702500000,
  CreateRedemptions1763702900000,
  CreateRedemptionRefunds1763703100000,
  AddPurchases1763703500000,
];
