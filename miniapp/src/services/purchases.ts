// Buying a shop offer with points (POST …/residents/me/purchases): the resident's tap is their
// consent, one purchase per tap. The Idempotency-Key is made once per tap from the phone's own
// random source (random.ts) and sent again on a retry, so a purchase whose answer was lost is
// answered, not bought twice. Errors become the sentence the resident reads.
import { t, fill } from '../locales';
import { ApiError, call, type ApiAnswer } from './api';
import { idempotencyKey } from './random';

export type Redemption = ApiAnswer<
  '/v1/programs/{program}/residents/me/redemptions/{redemption}',
  'get'
>;
export type RedemptionPage = ApiAnswer<'/v1/programs/{program}/residents/me/redemptions', 'get'>;

/** One tap's purchase: its key stays the same however often it is retried. */
export interface PurchaseAttempt {
  readonly merchant: string;
  readonly offer: string;
  readonly key: string;
}

export async function newPurchase(merchant: string, offer: string): Promise<PurchaseAttempt> {
  return { merchant, offer, key: await idempotencyKey() };
}

export function purchase(attempt: PurchaseAttempt): Promise<Redemption> {
  return call('post', '/v1/programs/{program}/residents/me/purchases', {
    headers: { 'Idempotency-Key': attempt.key },
    body: { merchant: attempt.merchant, offer: attempt.offer },
  });
}

export function fetchRedemption(id: string): Promise<Redemption> {
  return call('get', '/v1/programs/{program}/residents/me/redemptions/{redemption}', {
    path: { redemption: id },
  });
}

export function fetchRedemptions(after?: string): Promise<RedemptionPage> {
  return call('get', '/v1/programs/{program}/residents/me/redemptions', {
    query: { limit: 20, after },
  });
}

/** What the resident reads when a purchase fails, and whether retrying the same tap can help. */
export function purchaseError(err: unknown): { text: string; retry: boolean } {
  const e = t().shop.buyError;
  if (!(err instanceof ApiError))
    return { text: fill(e.other, { message: String(err) }), retry: true };
  if (err.offline) return { text: e.offline, retry: true };
  switch (err.code) {
    case 'offer_out_of_stock':
    case 'offer_limit_reached':
    case 'issuer_not_accepted':
      return { text: e[err.code], retry: false };
    case 'insufficient_points':
      return { text: fill(e.insufficient_points, { message: err.message }), retry: false };
    case 'validation_failed':
      return { text: e.offer_gone, retry: false };
    default:
      return { text: fill(e.other, { message: err.message }), retry: err.status >= 500 };
  }
}
