import { z } from 'zod';
import { IntegerString } from './integer-string';

/** A prepaid operator buys a block of points; issuance draws on it. */
export const TopUpCreate = z.strictObject({
  points: z
    .number()
    .int('must be a whole number of points')
    .min(1, 'must be at least 1')
    .max(1_000_000_000_000, 'must be at most 1000000000000'),
  reference: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{1,48}$/, 'must be 1-48 characters: letters, digits, . _ : -')
    .describe('Your idempotency key, e.g. the payment id: the same reference never tops up twice'),
});
export type TopUpCreate = z.infer<typeof TopUpCreate>;

export const FundingView = z.object({
  operator: z.string(),
  fundingMode: z.enum(['prepaid', 'postpaid']),
  blockPoints: IntegerString.describe('Prepaid points not yet issued'),
  issuedPoints: IntegerString.describe('Points issued to residents and not yet settled'),
  unfundedPoints: IntegerString.describe('Points earned by residents, waiting for a top-up'),
});
export type FundingView = z.infer<typeof FundingView>;

export const TopUpResult = z.object({
  reference: z.string(),
  points: IntegerString,
  replayed: z.boolean().describe('true when this reference was already applied: nothing changed'),
  funding: FundingView,
  released: z
    .object({ reductions: z.number().int(), points: IntegerString })
    .describe('Waiting points issued by this top-up'),
});
export type TopUpResult = z.infer<typeof TopUpResult>;
