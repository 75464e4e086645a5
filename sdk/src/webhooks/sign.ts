// Operator side: sign a webhook with every live key, so Tanlian can verify it during a key
// rotation whichever key it currently trusts.
import { ed25519Sign } from './ed25519-scheme';
import { WebhookHeaders } from './headers';
import { hmacSign } from './hmac-scheme';
import { parseSigningKey, SigningKey, WebhookKeyError } from './keys';
import { isValidMessageId, MAX_MESSAGE_ID_LENGTH } from './message-id';
import { formatSignatureEntry } from './signature-header';
import { bodyBytes, signedContent, WebhookBody } from './signed-content';
import { isValidTimestamp } from './timestamp';

export interface SignWebhookInput {
  /** Unique per event and reused on every retry: Tanlian deduplicates on it. */
  id: string;
  /** Unix seconds of this delivery attempt (renewed on each retry). */
  timestamp: number;
  /** The exact body that will be sent. */
  body: WebhookBody;
  /** `whsec_` and/or `whsk_` keys; one signature is produced per key, in this order. */
  keys: readonly string[];
}

/**
 * Signs a webhook and returns the three headers to send with it. Throws on invalid input
 * (RangeError for id/timestamp/body, WebhookKeyError for keys): signing bad data is a bug in
 * the caller, not something to send.
 */
export function signWebhook({ id, timestamp, body, keys }: SignWebhookInput): WebhookHeaders {
  if (!isValidMessageId(id)) {
    throw new RangeError(
      `webhook id must be 1-${MAX_MESSAGE_ID_LENGTH} visible ASCII characters without '.'`,
    );
  }
  if (!isValidTimestamp(timestamp)) {
    throw new RangeError('webhook timestamp must be a non-negative integer of unix seconds');
  }
  const bytes = bodyBytes(body);
  if (!bytes) throw new RangeError('webhook body must be a string or a Uint8Array');
  if (!Array.isArray(keys) || keys.length === 0) {
    throw new WebhookKeyError('at least one signing key is required');
  }

  const content = signedContent(id, timestamp, bytes);
  const signatures = keys.map((key) => signContent(parseSigningKey(key), content));
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signatures.join(' '),
  };
}

function signContent(key: SigningKey, content: Uint8Array): string {
  switch (key.version) {
    case 'v1':
      return formatSignatureEntry('v1', hmacSign(key.secret, content));
    case 'v1a':
      return formatSignatureEntry('v1a', ed25519Sign(key.seed, content));
  }
}
