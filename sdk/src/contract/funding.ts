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
  outstandingPoints: IntegerString.describe('Issued − cancelled − expired: points out there'),
  creditLimitPoints: IntegerString.nullable().describe(
    'Postpaid: the limit on outstanding points; null when none is set',
  ),
  creditLimitReached: z
    .boolean()
    .describe('Postpaid: the outstanding points reached the limit (its alert was sent)'),
  reserveFen: IntegerString.describe(
    'Prepaid: the reserve in fen backing the block (top-ups less the cycles’ draws); 0 when postpaid',
  ),
});
export type FundingView = z.infer<typeof FundingView>;

export const TopUpResult = z.object({
  reference: z.string(),
  points: IntegerString,
  amountFen: IntegerString.describe(
    'What it paid into the reserve: points × the program’s fen per point',
  ),
  replayed: z.boolean().describe('true when this reference was already applied: nothing changed'),
  funding: FundingView,
  released: z
    .object({ reductions: z.number().int(), points: IntegerString })
    .describe('Waiting points issued by this top-up'),
});
export type TopUpResult = z.infer<typeof TopUpResult>;

/** One top-up as the reserve booked it. */
export const TopUpView = z.object({
  reference: z.string(),
  points: IntegerString,
  amountFen: IntegerString,
  fenPerPoint: z.number().int().describe('The program’s rate when it was booked'),
  reserveAfterFen: IntegerString.describe('The reserve’s balance right after it'),
  at: z.string().describe('ISO 8601 time it was booked'),
});
export type TopUpView = z.infer<typeof TopUpView>;

export const TopUpsQuery = z.strictObject({
  before: z
    .string()
    .regex(/^\d{1,18}$/, 'must be the `next` of the previous page')
    .optional()
    .describe('the `next` of the previous page: top-ups older than it'),
  limit: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(100, 'must be at most 100')
    .default(20),
});
export type TopUpsQuery = z.infer<typeof TopUpsQuery>;

export const TopUpsPage = z.object({
  topUps: z.array(TopUpView).describe('Newest first'),
  next: z.string().nullable().describe('Pass as `before` for the next page; null at the end'),
});
export type TopUpsPage = z.infer<typeof TopUpsPage>;

/** A postpaid operator's credit limit on outstanding points; null removes it. */
export const CreditLimitSet = z.strictObject({
  creditLimitPoints: z
    .number()
    .int('must be a whole number of points')
    .min(1, 'must be at least 1')
    .max(1_000_000_000_000, 'must be at most 1000000000000')
    .nullable(),
});
export type CreditLimitSet = z.infer<typeof CreditLimitSet>;
