// Parsing of the serialized keys Standard Webhooks defines. The prefix names the scheme, so a
// key can never be used with the wrong algorithm. Error messages never echo key material.
import { decodeBase64, encodeBase64 } from '../encoding/base64';
import { ED25519_SEED_BYTES, ed25519PublicKeyOf, isEd25519PublicKey } from './ed25519-scheme';

export const HMAC_SECRET_PREFIX = 'whsec_';
export const ED25519_SECRET_KEY_PREFIX = 'whsk_';
export const ED25519_PUBLIC_KEY_PREFIX = 'whpk_';

/** The spec asks for HMAC secrets of 24 to 64 bytes (192 to 512 bits). */
export const HMAC_SECRET_MIN_BYTES = 24;
export const HMAC_SECRET_MAX_BYTES = 64;

/** A key an operator signs with. */
export type SigningKey =
  { version: 'v1'; secret: Uint8Array } | { version: 'v1a'; seed: Uint8Array };

/** A key Tanlian verifies with: the shared secret, or only the operator's public key. */
export type VerificationKey =
  { version: 'v1'; secret: Uint8Array } | { version: 'v1a'; publicKey: Uint8Array };

export class WebhookKeyError extends Error {
  override name = 'WebhookKeyError';
}

/** Parses a `whsec_` or `whsk_` key. Throws WebhookKeyError if it is neither or is malformed. */
export function parseSigningKey(key: string): SigningKey {
  if (typeof key === 'string' && key.startsWith(HMAC_SECRET_PREFIX)) {
    return { version: 'v1', secret: parseHmacSecret(key) };
  }
  if (typeof key === 'string' && key.startsWith(ED25519_SECRET_KEY_PREFIX)) {
    return { version: 'v1a', seed: parseEd25519Seed(key) };
  }
  throw new WebhookKeyError(
    `a signing key must start with ${HMAC_SECRET_PREFIX} or ${ED25519_SECRET_KEY_PREFIX}`,
  );
}

/**
 * Parses a `whsec_` or `whpk_` key. A `whsk_` secret key is refused on purpose: the verifying
 * side should only ever hold an operator's public key.
 */
export function parseVerificationKey(key: string): VerificationKey {
  if (typeof key === 'string' && key.startsWith(HMAC_SECRET_PREFIX)) {
    return { version: 'v1', secret: parseHmacSecret(key) };
  }
  if (typeof key === 'string' && key.startsWith(ED25519_PUBLIC_KEY_PREFIX)) {
    return { version: 'v1a', publicKey: parseEd25519PublicKey(key) };
  }
  if (typeof key === 'string' && key.startsWith(ED25519_SECRET_KEY_PREFIX)) {
    throw new WebhookKeyError(
      `verify with the ${ED25519_PUBLIC_KEY_PREFIX} public key, not the ${ED25519_SECRET_KEY_PREFIX} secret key`,
    );
  }
  throw new WebhookKeyError(
    `a verification key must start with ${HMAC_SECRET_PREFIX} or ${ED25519_PUBLIC_KEY_PREFIX}`,
  );
}

/** Derives the `whpk_` public key an operator hands to Tanlian from its `whsk_` secret key. */
export function webhookPublicKeyFromSecret(secretKey: string): string {
  if (typeof secretKey !== 'string' || !secretKey.startsWith(ED25519_SECRET_KEY_PREFIX)) {
    throw new WebhookKeyError(`expected a ${ED25519_SECRET_KEY_PREFIX} secret key`);
  }
  return formatEd25519PublicKey(ed25519PublicKeyOf(parseEd25519Seed(secretKey)));
}

export function formatHmacSecret(secret: Uint8Array): string {
  return HMAC_SECRET_PREFIX + encodeBase64(secret);
}

export function formatEd25519SecretKey(seed: Uint8Array): string {
  return ED25519_SECRET_KEY_PREFIX + encodeBase64(seed);
}

export function formatEd25519PublicKey(publicKey: Uint8Array): string {
  return ED25519_PUBLIC_KEY_PREFIX + encodeBase64(publicKey);
}

function parseHmacSecret(key: string): Uint8Array {
  const secret = decodeBase64(key.slice(HMAC_SECRET_PREFIX.length));
  if (!secret) throw new WebhookKeyError(`${HMAC_SECRET_PREFIX} key is not valid base64`);
  if (secret.length < HMAC_SECRET_MIN_BYTES || secret.length > HMAC_SECRET_MAX_BYTES) {
    throw new WebhookKeyError(
      `${HMAC_SECRET_PREFIX} key must decode to ${HMAC_SECRET_MIN_BYTES}-${HMAC_SECRET_MAX_BYTES} bytes, got ${secret.length}`,
    );
  }
  return secret;
}

function parseEd25519Seed(key: string): Uint8Array {
  const seed = decodeBase64(key.slice(ED25519_SECRET_KEY_PREFIX.length));
  if (!seed || seed.length !== ED25519_SEED_BYTES) {
    throw new WebhookKeyError(
      `${ED25519_SECRET_KEY_PREFIX} key must be base64 of a ${ED25519_SEED_BYTES}-byte Ed25519 seed`,
    );
  }
  return seed;
}

function parseEd25519PublicKey(key: string): Uint8Array {
  const publicKey = decodeBase64(key.slice(ED25519_PUBLIC_KEY_PREFIX.length));
  if (!publicKey || !isEd25519PublicKey(publicKey)) {
    throw new WebhookKeyError(
      `${ED25519_PUBLIC_KEY_PREFIX} key must be base64 of a 32-byte Ed25519 public key`,
    );
  }
  return publicKey;
}
