import { z } from 'zod';
import { IntegerString } from './integer-string';

// The clearing cycle (clearing-service/src/clearing/README.md): a program's settings, its cycles
// and their states, each participant's net position and its files, and settlement confirmations.

const Timestamp = z.string().describe('ISO 8601 time');
const Day = z.string().describe('YYYY-MM-DD');

export const SettlementCycleLength = z
  .enum(['daily', 'weekly', 'monthly'])
  .describe('daily: every day at the cut-off (T+1); weekly: Mondays; monthly: the 1st');

/** `HH:MM`, 24-hour, local time in the program's time zone. */
const CutoffLocalTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a local time HH:MM, e.g. 00:00 or 23:30')
  .describe('When each cycle closes, local time in the program’s time zone (HH:MM)');

export const ClearingSettingsUpdate = z
  .strictObject({
    settlementCycle: SettlementCycleLength.optional(),
    cutoffLocalTime: CutoffLocalTime.optional(),
    timeZone: z
      .string()
      .min(1, 'is required')
      .max(64, 'is too long')
      .describe('IANA time zone of the cut-off, e.g. Asia/Shanghai')
      .optional(),
    merchantFeeBps: z
      .number()
      .int('must be a whole number of basis points')
      .min(0, 'must not be negative')
      .max(10_000, 'must be at most 10000 (100 %)')
      .describe('The platform’s fee on what merchants receive, in basis points')
      .optional(),
  })
  .refine((u) => Object.keys(u).length > 0, { message: 'must change at least one setting' });
export type ClearingSettingsUpdate = z.infer<typeof ClearingSettingsUpdate>;

export const ClearingSettingsView = z.object({
  settlementCycle: SettlementCycleLength,
  cutoffLocalTime: z.string().describe('HH:MM, local time'),
  timeZone: z.string().describe('IANA time zone'),
  merchantFeeBps: z.number().int(),
  fenPerPoint: z
    .number()
    .int()
    .describe('What a point is worth in fen, fixed for each cycle at its close'),
  openCycle: z
    .object({ sequence: z.number().int(), closesAt: Timestamp })
    .nullable()
    .describe('The OPEN cycle and its scheduled cut-off; null before the first capture'),
});
export type ClearingSettingsView = z.infer<typeof ClearingSettingsView>;

export const CycleState = z
  .enum(['open', 'closed', 'aggregated', 'issued', 'settling', 'settled', 'aborted'])
  .describe('OPEN → CLOSED → AGGREGATED → ISSUED (注销, files) → SETTLING → SETTLED');
export type CycleState = z.infer<typeof CycleState>;

export const CycleView = z.object({
  sequence: z.number().int().describe('The cycle’s number in its program, from 1'),
  state: CycleState,
  openedAt: Timestamp,
  closesAt: Timestamp.describe('Its scheduled cut-off'),
  closedAt: Timestamp.nullable(),
  tradeDate: Day.nullable().describe('The local day the cycle ends on; null while open'),
  valueDate: Day.nullable().describe('When its settlements are due (T+1); null while open'),
  fenPerPoint: z.number().int().nullable().describe('Fixed at close'),
  merchantFeeBps: z.number().int().nullable().describe('Fixed at close'),
  aggregatedAt: Timestamp.nullable(),
  issuedAt: Timestamp.nullable(),
  settledAt: Timestamp.nullable(),
});
export type CycleView = z.infer<typeof CycleView>;

export const CyclesQuery = z.strictObject({
  before: z
    .string()
    .regex(/^\d{1,9}$/, 'must be a cycle sequence number (the `next` of the previous page)')
    .optional(),
  limit: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(100, 'must be at most 100')
    .default(20)
    .describe('cycles per page, 1..100; default 20'),
});
export type CyclesQuery = z.infer<typeof CyclesQuery>;

export const CyclesPage = z.object({
  cycles: z.array(CycleView).describe('Newest first'),
  next: z.string().nullable().describe('Pass as `before` for the next page; null at the end'),
});
export type CyclesPage = z.infer<typeof CyclesPage>;

export const PositionView = z.object({
  participant: z.string().describe('Participant code; "platform" receives fees'),
  receivableFen: IntegerString.describe('What it receives as a merchant, gross'),
  payableFen: IntegerString.describe('What it pays as an issuer'),
  feeFen: IntegerString.describe('Fees on what it receives'),
  netFen: IntegerString.describe('receivable − fee − payable: positive receives, negative pays'),
  method: z.enum(['bank', 'prepaid_reserve']),
  confirmedAt: Timestamp.nullable(),
  bankReference: z.string().nullable(),
});
export type PositionView = z.infer<typeof PositionView>;

export const CycleFileView = z.object({
  id: z.string().describe('The file’s id, for its download'),
  participant: z.string().nullable().describe('Whose file it is; null for the hub’s instructions'),
  kind: z.enum(['reconciliation', 'statement', 'instructions', 'cancellation_report']),
  format: z.enum(['csv', 'json', 'xml']),
  name: z.string(),
  sha256: z.string().describe('SHA-256 of its bytes, hex; the same in its audit leaf'),
  bytes: z.number().int(),
  createdAt: Timestamp,
});
export type CycleFileView = z.infer<typeof CycleFileView>;

export const CycleDetailView = CycleView.extend({
  positions: z.array(PositionView).describe('The participants’ net positions the caller may see'),
  files: z.array(CycleFileView).describe('The files the caller may download'),
});
export type CycleDetailView = z.infer<typeof CycleDetailView>;

export const SettlementConfirmation = z.strictObject({
  bankReference: z
    .string()
    .trim()
    .min(1, 'is required')
    .max(64, 'is too long')
    .describe('The bank’s (or reserve draw’s) reference of the payment'),
  amountFen: z
    .string()
    .regex(/^\d{1,18}$/, 'must be a whole number of fen, as a string of digits')
    .describe('The amount paid or received, in fen: must equal the instruction’s'),
});
export type SettlementConfirmation = z.infer<typeof SettlementConfirmation>;
