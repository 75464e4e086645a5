import { z } from 'zod';
import { ParticipantCode } from './tenancy';

// A resident's consent to one debit: a short-lived, single-use redemption code their session
// creates and their phone shows as a QR; a merchant's POS presents it with the amount. Points never
// move from one resident to another: no route does that.

const Timestamp = z.string().describe('ISO 8601 time');

/** Seconds a code lives: at most 60, so a photographed QR is soon worthless. */
export const REDEMPTION_CODE_TTL_SECONDS = { min: 10, max: 60, default: 60 } as const;

export const RedemptionCodeId = z
  .string()
  .regex(/^rc_[0-9a-f]{16}$/, 'must be a redemption code id, e.g. rc_3f9c0a1b2c3d4e5f')
  .describe('The public id of a redemption code (not the code itself): for polling and revoking');

export const RedemptionCodeStatus = z
  .enum(['active', 'used', 'expired', 'revoked'])
  .describe(
    'active: a merchant may still present it; used: a merchant made a hold with it; expired: its time ran out unused; revoked: the resident withdrew it unused',
  );
export type RedemptionCodeStatus = z.infer<typeof RedemptionCodeStatus>;

export const RedemptionCodeCreate = z.strictObject({
  merchant: ParticipantCode.optional().describe(
    'Code of the one merchant that may present it; any merchant of the program when left out',
  ),
  maxPoints: z
    .number()
    .int('must be a whole number of points')
    .min(1, 'must be at least 1')
    .max(1_000_000_000_000, 'must be at most 1000000000000')
    .optional()
    .describe('The most points a hold made with it may take; no cap when left out'),
  ttlSeconds: z
    .number()
    .int('must be a whole number of seconds')
    .min(REDEMPTION_CODE_TTL_SECONDS.min, `must be at least ${REDEMPTION_CODE_TTL_SECONDS.min}`)
    .max(REDEMPTION_CODE_TTL_SECONDS.max, `must be at most ${REDEMPTION_CODE_TTL_SECONDS.max}`)
    .optional()
    .describe(
      `How long it lives, in seconds (${REDEMPTION_CODE_TTL_SECONDS.min}-${REDEMPTION_CODE_TTL_SECONDS.max}, default ${REDEMPTION_CODE_TTL_SECONDS.default})`,
    ),
});
export type RedemptionCodeCreate = z.infer<typeof RedemptionCodeCreate>;

export const RedemptionCodeView = z.object({
  id: RedemptionCodeId,
  status: RedemptionCodeStatus,
  createdAt: Timestamp,
  expiresAt: Timestamp.describe("When it stops working unused (the service's clock)"),
  usedAt: Timestamp.nullable().describe('When a merchant made a hold with it'),
  revokedAt: Timestamp.nullable().describe('When the resident withdrew it'),
  merchant: z
    .string()
    .nullable()
    .describe('Code of the one merchant that may present it; null: any merchant'),
  maxPoints: z
    .number()
    .int()
    .nullable()
    .describe('The most points a hold made with it may take; null: no cap'),
});
export type RedemptionCodeView = z.infer<typeof RedemptionCodeView>;

export const RedemptionCodeCreated = RedemptionCodeView.extend({
  code: z
    .string()
    .describe(
      'RC followed by 32 characters A-Z and 2-7 (160 random bits, base32): show it as a QR, once; only its hash is kept',
    ),
});
export type RedemptionCodeCreated = z.infer<typeof RedemptionCodeCreated>;
