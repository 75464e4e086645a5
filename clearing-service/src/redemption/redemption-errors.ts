import {
  ConflictError,
  FieldError,
  NotFoundError,
  UnauthorizedError,
  UnprocessableError,
} from '../http/domain-error';

// Every failure of this module, in one place, with its stable code.

/** The resident's own codes only: another resident's answers exactly like a missing one. */
export const redemptionCodeNotFound = () =>
  new NotFoundError('redemption_code_not_found', 'Redemption code not found');

/** A hold was made with it: the hold stays until the merchant captures or voids it, or it expires. */
export const redemptionCodeUsed = () =>
  new ConflictError(
    'redemption_code_used',
    'This redemption code was already used for a hold; the hold stays until the merchant captures or voids it',
  );

/**
 * A presented code that is unknown, expired, used, revoked or bound to another merchant: one code
 * and one message for all, so whoever guesses or replays codes learns nothing.
 */
export const residentTokenInvalid = () =>
  new UnauthorizedError(
    'resident_token_invalid',
    "The resident's redemption code is invalid or no longer valid; ask them to show a new one",
  );

export const unknownMerchant = (code: string) =>
  new FieldError('merchant', `no merchant ${code} in this program`);

export const pointsNotPositive = () =>
  new FieldError('points', 'must be a whole number of points, at least 1');

export const pointsOverCap = (maxPoints: number) =>
  new FieldError('points', `must be at most ${maxPoints}: the resident's code allows no more`);

/** The resident's unexpired lots hold fewer points than the hold asks for. */
export const insufficientPoints = (available: number, asked: number) =>
  new UnprocessableError(
    'insufficient_points',
    `The resident has ${available} points available; the hold asks for ${asked}`,
  );

/** The merchant's own redemptions only: another merchant's answers exactly like a missing one. */
export const holdNotFound = () => new NotFoundError('hold_not_found', 'Redemption not found');

export const holdExpired = () =>
  new ConflictError(
    'hold_expired',
    'The hold expired before it was captured; its points went back',
  );

export const holdAlreadyCaptured = () =>
  new ConflictError('hold_already_captured', 'The hold was already captured');

export const holdAlreadyVoided = () =>
  new ConflictError('hold_already_voided', 'The hold was already voided');

export const exceedsHoldAmount = (held: number, asked: number) =>
  new UnprocessableError(
    'exceeds_hold_amount',
    `The hold is for ${held} points; a capture cannot take ${asked}`,
  );

/** Only a captured redemption can be refunded. */
export const holdNotCaptured = () =>
  new ConflictError('hold_not_captured', 'Only a captured redemption can be refunded');

export const refundExceedsCaptured = (left: number, asked: number) =>
  new UnprocessableError(
    'refund_exceeds_captured',
    `At most ${left} more points can be refunded; the refund asks for ${asked}`,
  );

/** The refund id was used before on this redemption for another amount. */
export const refundIdReused = (refundId: string, points: number) =>
  new ConflictError(
    'refund_id_reused',
    `Refund ${refundId} of this redemption was for ${points} points; use a new refund id for a new refund`,
  );

/** Enough points in all, but not enough of the issuers the offer accepts. */
export const issuerNotAccepted = (accepted: number, asked: number) =>
  new UnprocessableError(
    'issuer_not_accepted',
    `The offer accepts only some issuers' points: the resident has ${accepted} of them; it costs ${asked}`,
  );

export const offerOutOfStock = () =>
  new ConflictError('offer_out_of_stock', 'The offer is sold out');

export const offerLimitReached = (limit: number) =>
  new ConflictError(
    'offer_limit_reached',
    `The offer allows ${limit} a resident per day (China time); come back tomorrow`,
  );

export const unknownOffer = (merchant: string, offer: string) =>
  new FieldError('offer', `${merchant} has no offer ${offer}`);

export const offerNotOnSale = (why: 'withdrawn' | 'outside_window') =>
  new FieldError(
    'offer',
    why === 'withdrawn'
      ? 'is withdrawn by its merchant'
      : 'is not on sale now (its validity window)',
  );
