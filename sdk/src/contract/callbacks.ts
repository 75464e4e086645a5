import { z } from 'zod';
import { EventStatusView } from './events';
import { CycleFileView } from './clearing';
import { RedemptionView } from './holds';

// Results go back to operators: Tanlian POSTs each decided event's final status to the operator's
// callback URL, signed as a Standard Webhook with a whsec_ secret Tanlian generates for it.

const Timestamp = z.string().describe('ISO 8601 time');

// https:// anywhere; plain http:// only to this machine, for development. No credentials in the URL
// (verify our signature instead) and no #fragment. A regex, not `new URL`: the mini-program has no URL.
const HOST = String.raw`(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])`;
const REST = String.raw`(?::\d{1,5})?(?:[/?][^\s#]*)?`;
const CALLBACK_URL = new RegExp(
  String.raw`^(?:https://${HOST}|http://(?:127\.0\.0\.1|localhost|\[::1\]))${REST}$`,
);

export const CallbackUrl = z
  .string()
  .max(2048, 'must be at most 2048 characters')
  .regex(
    CALLBACK_URL,
    'must be an https:// URL (http:// only to 127.0.0.1 or localhost, for development), without credentials or #fragment',
  );

export const CallbackSet = z.strictObject({
  url: CallbackUrl.describe('Where Tanlian POSTs decided events; https:// required'),
});
export type CallbackSet = z.infer<typeof CallbackSet>;

export const CallbackView = z.object({
  url: z.string(),
  active: z.boolean().describe('false once stopped (DELETE) or when the receiver answered 410'),
  disabledAt: Timestamp.nullable(),
  disabledReason: z.string().nullable(),
  secretCreatedAt: Timestamp,
  previousSecretValidUntil: Timestamp.nullable().describe(
    'After a rotation, calls carry a signature by the previous secret too until then',
  ),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type CallbackView = z.infer<typeof CallbackView>;

export const CallbackConfigured = CallbackView.extend({
  secret: z
    .string()
    .nullable()
    .describe(
      'Shown only once: the whsec_ secret that signs our calls, when the URL is first set; null afterwards',
    ),
});
export type CallbackConfigured = z.infer<typeof CallbackConfigured>;

export const CallbackSecretRotated = CallbackView.extend({
  secret: z.string().describe('Shown only once: the new whsec_ secret'),
});
export type CallbackSecretRotated = z.infer<typeof CallbackSecretRotated>;

export const CallbackDeliveryStatus = z.enum(['pending', 'delivered', 'failed', 'cancelled']);
export type CallbackDeliveryStatus = z.infer<typeof CallbackDeliveryStatus>;

export const CallbackDeliveryView = z.object({
  id: z.string().describe('Also the webhook-id header of every attempt: dedupe on it'),
  type: z
    .string()
    .describe('What it carries: events.decided (an operator), or a participant event type'),
  status: CallbackDeliveryStatus.describe(
    'pending (due or waiting to retry), delivered (2xx), failed (gave up, or 410), cancelled (callbacks stopped first)',
  ),
  eventIds: z
    .array(z.string())
    .describe('Your ids of the events whose results it carries (events.decided; else empty)'),
  attempts: z.number().int(),
  lastAttemptAt: Timestamp.nullable(),
  lastStatusCode: z.number().int().nullable().describe('HTTP status of the last answer'),
  lastError: z.string().nullable(),
  nextAttemptAt: Timestamp.nullable(),
  createdAt: Timestamp,
  finishedAt: Timestamp.nullable(),
});
export type CallbackDeliveryView = z.infer<typeof CallbackDeliveryView>;

export const CallbackDeliveryList = z.object({
  deliveries: z.array(CallbackDeliveryView).describe('Newest first'),
  next: z
    .string()
    .nullable()
    .describe('pass as ?after= for the next (older) page; null at the end'),
});
export type CallbackDeliveryList = z.infer<typeof CallbackDeliveryList>;

/** A delivery's id: `cbd_` and 16 hex digits, the webhook-id of its attempts. */
export const CallbackDeliveryId = z
  .string()
  .regex(/^cbd_[0-9a-f]{16}$/, 'must be a delivery id (cbd_ and 16 hex digits)');

export const CallbackDeliveriesQuery = z.strictObject({
  status: CallbackDeliveryStatus.optional(),
  after: CallbackDeliveryId.optional().describe(
    'the `next` of the previous page: deliveries older than it',
  ),
  limit: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(100, 'must be at most 100')
    .default(20),
});
export type CallbackDeliveriesQuery = z.infer<typeof CallbackDeliveriesQuery>;

/**
 * The body of each callback POST: final results of one or more of the operator's events.
 * `events.decided` was `events.settled` before 0.1.0 was released; no operator ever received the old
 * name (no deployment sent callbacks before the rename), so it is not accepted: "settle" is kept for
 * merchant settlement (clearing).
 */
export const CallbackPayload = z.object({
  type: z.literal('events.decided'),
  program: z.string(),
  operator: z.string(),
  results: z.array(EventStatusView),
});
export type CallbackPayload = z.infer<typeof CallbackPayload>;

/**
 * What Tanlian tells a participant besides its events' results, each in a delivery of its own,
 * written in the transaction of the effect it reports. A merchant's redemptions: `redemption.*`
 * and `refund.succeeded`; clearing adds `cycle.closed` and `statement.available`; funding a
 * postpaid operator's `funding.credit_limit_reached`.
 */
export const PARTICIPANT_EVENT_TYPES = [
  'redemption.held',
  'redemption.captured',
  'redemption.voided',
  'redemption.expired',
  'refund.succeeded',
  'cycle.closed',
  'statement.available',
  'funding.credit_limit_reached',
] as const;
export const ParticipantEventType = z.enum(PARTICIPANT_EVENT_TYPES);
export type ParticipantEventType = z.infer<typeof ParticipantEventType>;

/** Every participant event's envelope; the event's own fields sit beside these. */
export const ParticipantEventEnvelope = z.object({
  type: ParticipantEventType,
  program: z.string(),
  participant: z.string().describe('The participant it is sent to'),
  occurredAt: Timestamp.describe('When the effect it reports committed (about)'),
});

/**
 * A merchant's redemption event: the redemption as `GET …/redemptions/{redemption}` answers it
 * right after the effect, and for `refund.succeeded` the refund.
 */
export const RedemptionEventPayload = ParticipantEventEnvelope.extend({
  type: z.enum([
    'redemption.held',
    'redemption.captured',
    'redemption.voided',
    'redemption.expired',
    'refund.succeeded',
  ]),
  redemption: RedemptionView,
  refund: z
    .object({ refundId: z.string(), points: z.number().int() })
    .optional()
    .describe('refund.succeeded only'),
});
export type RedemptionEventPayload = z.infer<typeof RedemptionEventPayload>;

/**
 * A clearing cycle's events, sent to each merchant and issuer with a line in it: `cycle.closed`
 * when it closes (its captures and refunds are then final), `statement.available` when it is
 * issued, naming the participant's statement files (JSON, CSV, camt.053) for download at
 * `GET …/participants/{participant}/clearing/cycles/{sequence}/files/{id}`.
 */
export const CycleEventPayload = ParticipantEventEnvelope.extend({
  type: z.enum(['cycle.closed', 'statement.available']),
  cycle: z.object({
    sequence: z.number().int(),
    tradeDate: z.string().describe('YYYY-MM-DD: the local day the cycle ends on'),
    valueDate: z.string().describe('YYYY-MM-DD: when its settlements are due'),
  }),
  statements: z
    .array(CycleFileView.pick({ id: true, format: true, name: true, sha256: true }))
    .optional()
    .describe('statement.available only: the participant’s statement files'),
});
export type CycleEventPayload = z.infer<typeof CycleEventPayload>;

/**
 * A postpaid operator's alert: its outstanding points (issued − cancelled − expired) reached its
 * credit limit. Sent once per crossing; re-armed when they are back under it (or the limit changes).
 */
export const FundingAlertPayload = ParticipantEventEnvelope.extend({
  type: z.literal('funding.credit_limit_reached'),
  outstandingPoints: z.string().describe('Integer, as a string'),
  creditLimitPoints: z.string().describe('Integer, as a string'),
});
export type FundingAlertPayload = z.infer<typeof FundingAlertPayload>;
