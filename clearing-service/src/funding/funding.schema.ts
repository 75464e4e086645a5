import { CreateFundingReserves1763710100000 } from './migrations/1763710100000-create-funding-reserves';
import { CreateCreditLimits1763710110000 } from './migrations/1763710110000-create-credit-limits';

// The funding module's tables (prepaid reserves in fen, postpaid credit limits); gathered with every other module's in
// database/schema.ts. Its statements are plain SQL in its store: no entities.
export const fundingEntities: (new () => object)[] = [];
export const fundingMigrations = [
  CreateFundingReserves1763710100000,
  CreateCreditLimits1763710110000,
];
