// Tanlian side: check that a pushed webhook was signed by one of the operator's live keys
// and is fresh. Never throws; every failure is a WebhookRejected with a reason.
import {
  headerValues,
  IncomingHeaders,
  WEBHOOK_ID_HEADER,
  WEBHOOK_SIGNATURE_HEADER,
  WEBHOOK_TIMESTAMP_HEADER,
} from './headers';
import { parseVerificationKey } from './keys';
import { isValidMessageId, MAX_MESSAGE_ID_LENGTH } from './message-id';
import { MAX_SIGNATURES_EXAMINED, parseSignatureHeader } from './signature-header';
import { findMatchingKey, LiveKey } from './signature-matching';
import { bodyBytes, signedContent, WebhookBody } from './signed-content';
import { DEFAULT_TOLERANCE_SECONDS, freshness, parseTimestampHeader } from './timestamp';
import { reject, WebhookRejected, WebhookVerification } from './verification-result';

/** A key Tanlian trusts for an operator. Several are live at once while keys rotate. */
export interface TrustedKey {
  /** Reported back on a match, e.g. to log which key is still in use before retiring one. */
  keyId: string;
  /** `whsec_` shared secret (v1) or `whpk_` public key (v1a). */
  key: string;
}

export interface VerifyWebhookInput {
  headers: IncomingHeaders;
  /** The raw request body, byte for byte; a re-serialized JSON body will not verify. */
  body: WebhookBody;
  keys: readonly TrustedKey[];
  /** The current time in unix seconds (not milliseconds). */
  nowSeconds: number;
  /** How far webhook-timestamp may be from nowSeconds, either way, inclusive. Default 300. */
  toleranceSeconds?: number;
}

export function verifyWebhook(input: VerifyWebhookInput): WebhookVerification {
  if (typeof input !== 'object' || input === null) {
    return reject('invalid_options', 'verifyWebhook expects an options object');
  }
  const keys = liveKeys(input.keys);
  if (!Array.isArray(keys)) return keys;

  const tolerance = input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (!Number.isFinite(input.nowSeconds)) {
    return reject('invalid_options', 'nowSeconds must be a finite number of unix seconds');
  }
  if (!Number.isFinite(tolerance) || tolerance < 0) {
    return reject('invalid_options', 'toleranceSeconds must be a finite number >= 0');
  }
  const body = bodyBytes(input.body);
  if (!body) return reject('invalid_options', 'body must be a string or a Uint8Array');

  const ids = headerValues(input.headers, WEBHOOK_ID_HEADER);
  const timestamps = headerValues(input.headers, WEBHOOK_TIMESTAMP_HEADER);
  // Several signature headers are one longer list, as HTTP allows for list-valued headers.
  const signatureHeader = headerValues(input.headers, WEBHOOK_SIGNATURE_HEADER).join(' ');

  const missing = [
    ids.length === 0 && WEBHOOK_ID_HEADER,
    timestamps.length === 0 && WEBHOOK_TIMESTAMP_HEADER,
    signatureHeader === '' && WEBHOOK_SIGNATURE_HEADER,
  ].filter((name): name is string => typeof name === 'string');
  if (missing.length > 0) {
    return reject('missing_header', `missing header: ${missing.join(', ')}`);
  }
  if (ids.length > 1) return reject('ambiguous_header', `${WEBHOOK_ID_HEADER} sent more than once`);
  if (timestamps.length > 1) {
    return reject('ambiguous_header', `${WEBHOOK_TIMESTAMP_HEADER} sent more than once`);
  }

  const id = ids[0];
  if (!isValidMessageId(id)) {
    return reject(
      'malformed_id',
      `${WEBHOOK_ID_HEADER} must be 1-${MAX_MESSAGE_ID_LENGTH} visible ASCII characters without '.'`,
    );
  }
  const timestamp = parseTimestampHeader(timestamps[0]);
  if (timestamp === undefined) {
    return reject(
      'malformed_timestamp',
      `${WEBHOOK_TIMESTAMP_HEADER} must be integer unix seconds`,
    );
  }
  switch (freshness(timestamp, input.nowSeconds, tolerance)) {
    case 'too_old':
      return reject(
        'timestamp_too_old',
        `${WEBHOOK_TIMESTAMP_HEADER} is ${input.nowSeconds - timestamp}s old, more than the ${tolerance}s tolerance`,
      );
    case 'in_future':
      return reject(
        'timestamp_in_future',
        `${WEBHOOK_TIMESTAMP_HEADER} is ${timestamp - input.nowSeconds}s ahead, more than the ${tolerance}s tolerance`,
      );
  }

  const entries = parseSignatureHeader(signatureHeader);
  if (entries.length === 0) {
    return reject(
      'malformed_signature',
      `${WEBHOOK_SIGNATURE_HEADER} has no "version,signature" entry among its first ${MAX_SIGNATURES_EXAMINED}`,
    );
  }
  const match = findMatchingKey(entries, keys, signedContent(id, timestamp, body));
  if (!match) {
    return reject(
      'no_matching_signature',
      `no v1/v1a signature among the first ${MAX_SIGNATURES_EXAMINED} entries of ${WEBHOOK_SIGNATURE_HEADER} matches a configured key`,
    );
  }
  return { ok: true, keyId: match.keyId, version: match.version, id, timestamp };
}

/**
 * Parses every configured key up front. One bad key rejects every request, so a typo in the
 * configuration shows at once instead of when the good key is retired.
 */
function liveKeys(keys: unknown): LiveKey[] | WebhookRejected {
  if (!Array.isArray(keys) || keys.length === 0) {
    return reject('no_keys', 'no verification key is configured');
  }
  const live: LiveKey[] = [];
  for (const [index, entry] of keys.entries()) {
    const keyId: unknown = entry?.keyId;
    if (typeof keyId !== 'string') {
      return reject('invalid_key', `key #${index} has no string keyId`);
    }
    try {
      live.push({ keyId, key: parseVerificationKey(entry.key) });
    } catch (error) {
      const detail = error instanceof Error ? error.message : 'invalid key';
      return reject('invalid_key', `key "${keyId}": ${detail}`);
    }
  }
  return live;
}
