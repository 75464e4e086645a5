// What verifyWebhook answers. Rejections are values, not exceptions, so a hostile request can
// never crash the caller; `reason` is a closed set callers can switch on and count.
import { SignatureVersion } from './signature-version';

export type WebhookRejectionReason =
  /** No verification key was configured for this operator. */
  | 'no_keys'
  /** A configured key is not a valid `whsec_`/`whpk_` key (the message names its keyId). */
  | 'invalid_key'
  /** nowSeconds, toleranceSeconds or the body has the wrong type or range (a caller bug). */
  | 'invalid_options'
  /** A required header is absent or empty (the message names which). */
  | 'missing_header'
  /** webhook-id or webhook-timestamp was sent more than once. */
  | 'ambiguous_header'
  /** webhook-id is not 1-256 visible ASCII characters without '.'. */
  | 'malformed_id'
  /** webhook-timestamp is not a canonical integer of unix seconds. */
  | 'malformed_timestamp'
  /** Older than now minus the tolerance: possibly a replay. */
  | 'timestamp_too_old'
  /** Newer than now plus the tolerance: a skewed clock or a pre-signed request. */
  | 'timestamp_in_future'
  /** No `version,signature` entry could be read from webhook-signature. */
  | 'malformed_signature'
  /** No examined v1/v1a signature matches any configured key. */
  | 'no_matching_signature';

export interface WebhookVerified {
  ok: true;
  /** The keyId of the configured key that matched. */
  keyId: string;
  version: SignatureVersion;
  /** webhook-id, the event's idempotency key. */
  id: string;
  /** webhook-timestamp, unix seconds. */
  timestamp: number;
}

export interface WebhookRejected {
  ok: false;
  reason: WebhookRejectionReason;
  /** For logs; safe to show the sender (contains no key material). */
  message: string;
}

export type WebhookVerification = WebhookVerified | WebhookRejected;

export function reject(reason: WebhookRejectionReason, message: string): WebhookRejected {
  return { ok: false, reason, message };
}
