import { CreateMerchantShop1763702600000 } from './migrations/1763702600000-create-merchant-shop';

// The merchants module's tables (plain SQL in its stores, no entities); gathered in database/schema.ts.
export const merchantsEntities: (new () => object)[] = [];
export const merchantsMigrations = [CreateMerchantShop1763702600000];
