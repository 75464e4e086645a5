import { z } from 'zod';
import { EVENT_REFERENCE } from './event-reference';
import { IntegerString } from './integer-string';
import { AccountReceiptView } from './audit';
import { EventStatus } from './events';

export const PointsLot = z.object({
  issuer: z.string().describe('The operator that funds these points'),
  expiresOn: z.string().describe('Last day the points can be redeemed (YYYY-MM-DD)'),
  points: IntegerString,
});

export const AccountHistoryItem = z.object({
  reference: z.string(),
  operator: z.string(),
  eventId: z.string(),
  behaviour: z.string(),
  startedAt: z.string(),
  endedAt: z.string(),
  status: EventStatus,
  reason: z.string().nullable(),
  reductionMg: IntegerString.nullable(),
  points: IntegerString.nullable(),
  pointsStatus: z
    .enum(['credited', 'unfunded', 'none'])
    .nullable()
    .describe('unfunded: the issuer must top up before these points arrive'),
  methodology: z.string().nullable().describe('code@version that produced the reduction'),
  formula: z.string().nullable().describe('The calculation with its numbers filled in'),
  processedAt: z.string().nullable(),
  receipt: AccountReceiptView.nullable().describe(
    'Where this record’s leaf is in the public audit log, to check against the page’s checkpoint from the log’s tiles; null until its leaf is in that checkpoint (within 10 s)',
  ),
});
export type AccountHistoryItem = z.infer<typeof AccountHistoryItem>;

export const ResidentAccountView = z.object({
  program: z.string(),
  totalReductionMg: IntegerString,
  points: z.object({
    balance: IntegerString,
    lots: z.array(PointsLot).describe('Oldest expiry first: the order they are spent in'),
    unfunded: IntegerString.describe('Points earned but waiting for the issuer to top up'),
  }),
  checkpoint: z
    .string()
    .nullable()
    .describe(
      'The latest signed checkpoint note (with cosignatures) every receipt of the page is against; null before the log’s first',
    ),
  history: z.array(AccountHistoryItem).describe('Newest first'),
  nextBefore: z.string().nullable().describe('Pass as ?before= for the next page; null at the end'),
});
export type ResidentAccountView = z.infer<typeof ResidentAccountView>;

export const AccountHistoryQuery = z.strictObject({
  limit: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(200, 'must be at most 200')
    .default(50),
  before: z
    .string()
    .regex(EVENT_REFERENCE, 'must be a reference from nextBefore, e.g. evt_123')
    .optional(),
});
export type AccountHistoryQuery = z.infer<typeof AccountHistoryQuery>;
