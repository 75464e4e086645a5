// Standard Webhooks (https://www.standardwebhooks.com) signing for operators and
// verification for Tanlian. Pure TypeScript: runs in Node, browsers and the mini-program.
export { signWebhook, type SignWebhookInput } from './sign';
export type { WebhookBody } from './signed-content';
export { verifyWebhook, type TrustedKey, type VerifyWebhookInput } from './verify';
export type {
  WebhookRejected,
  WebhookRejectionReason,
  WebhookVerification,
  WebhookVerified,
} from './verification-result';
export { generateEd25519KeyPair, generateHmacSecret, type Ed25519KeyPair } from './key-generation';
export {
  ED25519_PUBLIC_KEY_PREFIX,
  ED25519_SECRET_KEY_PREFIX,
  HMAC_SECRET_MAX_BYTES,
  HMAC_SECRET_MIN_BYTES,
  HMAC_SECRET_PREFIX,
  parseSigningKey,
  parseVerificationKey,
  webhookPublicKeyFromSecret,
  WebhookKeyError,
  type SigningKey,
  type VerificationKey,
} from './keys';
export {
  WEBHOOK_ID_HEADER,
  WEBHOOK_SIGNATURE_HEADER,
  WEBHOOK_TIMESTAMP_HEADER,
  type IncomingHeaders,
  type WebhookHeaders,
} from './headers';
export type { SignatureVersion } from './signature-version';
export { MAX_SIGNATURES_EXAMINED } from './signature-header';
export { MAX_MESSAGE_ID_LENGTH } from './message-id';
export { DEFAULT_TOLERANCE_SECONDS } from './timestamp';
