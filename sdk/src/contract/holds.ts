import { z } from 'zod';
import { MerchantItemCode } from './merchants';
import { ParticipantCode } from './tenancy';

// A merchant's hold on a resident's points, made with the resident's redemption code, then
// captured (in whole or part) or voided, or left to expire (docs/redemption.md).

const Timestamp = z.string().describe('ISO 8601 time');
const Points = z
  .number()
  .int('must be a whole number of points')
  .max(1_000_000_000_000, 'must be at most 1000000000000');

export const RedemptionId = z
  .string()
  .regex(/^rd_[0-9a-f]{16}$/, 'must be a redemption id, e.g. rd_3f9c0a1b2c3d4e5f')
  .describe('The public id of a redemption (a hold and what became of it)');

/** How long a hold waits for its capture, in seconds. */
export const HOLD_TTL_SECONDS = { min: 60, max: 86_400, default: 900 } as const;

export const HoldCreate = z.strictObject({
  code: z
    .string()
    .min(1, 'is required')
    .max(64, 'is too long')
    .describe("The resident's redemption code, as scanned from their QR"),
  points: Points.min(1, 'must be at least 1').describe('Points to hold'),
  merchantOrderId: z
    .string()
    .min(1, 'must not be empty')
    .max(64, 'is too long')
    .optional()
    .describe("The merchant's own order id, for its reconciliation"),
  ttlSeconds: z
    .number()
    .int('must be a whole number of seconds')
    .min(HOLD_TTL_SECONDS.min, `must be at least ${HOLD_TTL_SECONDS.min}`)
    .max(HOLD_TTL_SECONDS.max, `must be at most ${HOLD_TTL_SECONDS.max}`)
    .optional()
    .describe(
      `How long the hold waits for its capture (${HOLD_TTL_SECONDS.min}-${HOLD_TTL_SECONDS.max} s, default ${HOLD_TTL_SECONDS.default})`,
    ),
});
export type HoldCreate = z.infer<typeof HoldCreate>;

export const HoldCapture = z.strictObject({
  points: Points.min(0, 'must be at least 0')
    .optional()
    .describe(
      'Points to capture, at most the hold; the whole hold when left out; the rest goes back',
    ),
});
export type HoldCapture = z.infer<typeof HoldCapture>;

export const RedemptionStatus = z
  .enum(['held', 'captured', 'voided', 'expired', 'partially_refunded', 'refunded'])
  .describe(
    'held: waiting for its capture; captured: the merchant took (part of) it; voided: the merchant released it; expired: nobody captured it in time; partially_refunded / refunded: the merchant gave part / all of the capture back',
  );
export type RedemptionStatus = z.infer<typeof RedemptionStatus>;

/** The offer a redemption bought in the shop, or null for a redemption made at a till. */
const BoughtOffer = z
  .object({ code: z.string(), title: z.string() })
  .nullable()
  .describe('The offer bought in the shop; null for a redemption made at a till with a code');

export const RedemptionView = z.object({
  id: RedemptionId,
  status: RedemptionStatus,
  merchant: z.string().describe("The merchant's code"),
  merchantOrderId: z.string().nullable(),
  offer: BoughtOffer,
  heldPoints: z.number().int(),
  capturedPoints: z.number().int(),
  refundedPoints: z.number().int(),
  createdAt: Timestamp,
  expiresAt: Timestamp.describe('When an uncaptured hold expires (the service’s clock)'),
  resolvedAt: Timestamp.nullable().describe('When it was captured, voided or expired'),
  allocations: z
    .array(
      z.object({
        issuer: z.string().describe('The issuer whose points these are'),
        expiresOn: z.string().describe('The lot’s expiry date'),
        heldPoints: z.number().int(),
        capturedPoints: z.number().int(),
        refundedPoints: z.number().int(),
      }),
    )
    .describe('Which lots paid, oldest expiry first'),
});
export type RedemptionView = z.infer<typeof RedemptionView>;

export const HoldRefund = z.strictObject({
  refundId: z
    .string()
    .min(1, 'is required')
    .max(64, 'is too long')
    .describe("The merchant's own id of this refund: one effect per id, however often it is sent"),
  points: Points.min(1, 'must be at least 1').describe(
    'Points to give back; all refunds together at most the capture',
  ),
});
export type HoldRefund = z.infer<typeof HoldRefund>;

// ---- The 兑换 shop: a resident buys an offer from their own session ----

/** How long a purchase waits for the merchant to hand the item over (capture) or void it. */
export const PURCHASE_TTL_SECONDS = 86_400;

export const PurchaseCreate = z.strictObject({
  merchant: ParticipantCode.describe("The merchant's code, as the catalog names it"),
  offer: MerchantItemCode.describe("The merchant's offer code, as the catalog names it"),
});
export type PurchaseCreate = z.infer<typeof PurchaseCreate>;

/** A redemption as its resident sees it: no merchant order id (the merchant's own business). */
export const ResidentRedemptionView = RedemptionView.omit({ merchantOrderId: true });
export type ResidentRedemptionView = z.infer<typeof ResidentRedemptionView>;

/** Most redemptions a list answers in one page. */
export const REDEMPTION_PAGE = 100;

const RedemptionPageQuery = {
  after: RedemptionId.optional().describe('the `next` of the previous page (older ones follow)'),
  limit: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(REDEMPTION_PAGE, `must be at most ${REDEMPTION_PAGE}`)
    .default(20)
    .describe(`redemptions per page, 1..${REDEMPTION_PAGE}; default 20`),
};

export const ResidentRedemptionsQuery = z.strictObject(RedemptionPageQuery);
export type ResidentRedemptionsQuery = z.infer<typeof ResidentRedemptionsQuery>;

export const MerchantRedemptionsQuery = z.strictObject({
  ...RedemptionPageQuery,
  status: RedemptionStatus.optional().describe('only redemptions in this status'),
});
export type MerchantRedemptionsQuery = z.infer<typeof MerchantRedemptionsQuery>;

const NextRedemption = RedemptionId.nullable().describe(
  'pass as ?after= for the next (older) page; null at the end',
);

export const ResidentRedemptionPage = z.object({
  redemptions: z.array(ResidentRedemptionView).describe('newest first'),
  next: NextRedemption,
});
export type ResidentRedemptionPage = z.infer<typeof ResidentRedemptionPage>;

export const MerchantRedemptionPage = z.object({
  redemptions: z.array(RedemptionView).describe('newest first'),
  next: NextRedemption,
});
export type MerchantRedemptionPage = z.infer<typeof MerchantRedemptionPage>;
