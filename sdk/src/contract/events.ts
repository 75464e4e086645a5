import { z } from 'zod';
import { District } from './district';
import { ExternalUserId } from './residents';
import { EVENT_REFERENCE } from './event-reference';
import { ZonedTimestamp as Timestamp } from './zoned-time';

// What scenario operators push: one resident's green behaviour. Only what crediting needs (PIPL):
// no location traces, just distance, duration, an optional district code and an evidence hash.

export const EventActivity = z.strictObject({
  distanceM: z
    .number()
    .int('must be a whole number of metres')
    .min(0, 'must not be negative')
    .max(1_000_000, 'must be at most 1000000 (1000 km)')
    .optional()
    .describe('Distance travelled, metres'),
  units: z
    .number()
    .int('must be a whole number')
    .min(0, 'must not be negative')
    .max(1_000_000_000, 'must be at most 1000000000')
    .optional()
    .describe('Counted units as the methodology defines them: steps, Wh, grams recycled'),
});

export const BehaviourEvent = z
  .strictObject({
    id: z
      .string()
      .regex(/^[A-Za-z0-9._:-]{1,128}$/, 'must be 1-128 characters: letters, digits, . _ : -')
      .describe("The operator's idempotency id of this event"),
    user: ExternalUserId.describe("The operator's own user id (the one residents bind)"),
    behaviour: z
      .string()
      .regex(
        /^[a-z][a-z0-9_]{1,31}$/,
        'must be a behaviour code such as metro, bus, bike, walk, electricity',
      )
      .describe('Behaviour type; a published methodology of the program must cover it'),
    startedAt: Timestamp,
    endedAt: Timestamp,
    activity: EventActivity.default({}),
    district: District.optional(),
    evidenceHash: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'must be a lowercase hex SHA-256')
      .optional()
      .describe("Hash of the operator's own evidence record"),
  })
  .superRefine((e, ctx) => {
    if (Date.parse(e.endedAt) < Date.parse(e.startedAt)) {
      ctx.addIssue({ code: 'custom', path: ['endedAt'], message: 'must not be before startedAt' });
    }
  });
export type BehaviourEvent = z.infer<typeof BehaviourEvent>;

export const MAX_EVENTS_PER_BATCH = 1000;
export const EventBatch = z.strictObject({
  events: z
    .array(z.unknown())
    .min(1, 'must hold at least one event')
    .max(MAX_EVENTS_PER_BATCH, `must hold at most ${MAX_EVENTS_PER_BATCH} events`),
});

export const EventStatus = z.enum([
  'accepted',
  'credited',
  'capped',
  'rejected',
  'pending_binding',
  'overlapping',
]);
export type EventStatus = z.infer<typeof EventStatus>;

/** The answer to an accepted event; a redelivery gets the identical receipt. */
export const EventReceipt = z.object({
  id: z.string(),
  reference: z.string().describe("Tanlian's reference of the stored event"),
  receivedAt: z.string(),
});
export type EventReceipt = z.infer<typeof EventReceipt>;

export const EventItemResult = z.object({
  index: z.number().int(),
  id: z.string().nullable(),
  outcome: z.enum(['accepted', 'conflict', 'invalid']),
  receipt: EventReceipt.optional(),
  errors: z.array(z.object({ field: z.string(), reason: z.string() })).optional(),
});
export type EventItemResult = z.infer<typeof EventItemResult>;

export const EventBatchResult = z.object({
  accepted: z.number().int(),
  refused: z.number().int(),
  results: z.array(EventItemResult),
});
export type EventBatchResult = z.infer<typeof EventBatchResult>;

export const EventStatusView = z.object({
  id: z.string(),
  reference: z.string(),
  status: EventStatus,
  reason: z.string().nullable(),
  receivedAt: z.string(),
  processedAt: z.string().nullable(),
  reductionMg: z
    .string()
    .nullable()
    .describe('Credited reduction in milligrams CO2e (integer as a string)'),
  points: z.string().nullable(),
  overlapsWith: z
    .string()
    .nullable()
    .describe('For overlapping: the reference of the event that was credited'),
});
export type EventStatusView = z.infer<typeof EventStatusView>;

// ---- An operator's own events, newest first (the console's 事件查询) ----

/** Most events one page answers. */
export const OPERATOR_EVENTS_PAGE = 200;

export const OperatorEventsQuery = z
  .strictObject({
    status: EventStatus.optional(),
    behaviour: z
      .string()
      .regex(/^[a-z][a-z0-9_]{1,31}$/, 'must be a behaviour code such as metro, bus, bike')
      .optional(),
    from: Timestamp.optional().describe('received at or after this time'),
    to: Timestamp.optional().describe('received before this time'),
    after: z
      .string()
      .regex(EVENT_REFERENCE, 'must be the `next` of the previous page (evt_<n>)')
      .optional()
      .describe('the `next` of the previous page: events stored before it'),
    limit: z.coerce
      .number()
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(OPERATOR_EVENTS_PAGE, `must be at most ${OPERATOR_EVENTS_PAGE}`)
      .default(50)
      .describe(`events per page, 1..${OPERATOR_EVENTS_PAGE}; default 50`),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && Date.parse(q.to) <= Date.parse(q.from))
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
  });
export type OperatorEventsQuery = z.infer<typeof OperatorEventsQuery>;

/** One event in the list: where it stands, and what it was (no user id: the list is not a profile). */
export const OperatorEventItem = EventStatusView.extend({
  behaviour: z.string(),
  startedAt: z.string().describe('ISO 8601 time'),
  endedAt: z.string().describe('ISO 8601 time'),
});
export type OperatorEventItem = z.infer<typeof OperatorEventItem>;

export const OperatorEventsPage = z.object({
  events: z.array(OperatorEventItem).describe('Newest first'),
  next: z.string().nullable().describe('pass as ?after= for the next page; null at the end'),
});
export type OperatorEventsPage = z.infer<typeof OperatorEventsPage>;
