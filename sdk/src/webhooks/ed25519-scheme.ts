// v1a signatures: Ed25519 (RFC 8032) over the signed content.
import { ed25519 } from '@noble/curves/ed25519';

export const ED25519_SIGNATURE_BYTES = 64;
export const ED25519_SEED_BYTES = 32;
export const ED25519_PUBLIC_KEY_BYTES = 32;

export function ed25519Sign(seed: Uint8Array, content: Uint8Array): Uint8Array {
  return ed25519.sign(content, seed);
}

/**
 * Strict RFC 8032 verification (zip215: false), the same acceptance rule as OpenSSL and Go,
 * so a signature valid here is valid for every other Standard Webhooks library. Never throws.
 */
export function ed25519Verify(
  publicKey: Uint8Array,
  content: Uint8Array,
  signature: Uint8Array,
): boolean {
  try {
    return ed25519.verify(signature, content, publicKey, { zip215: false });
  } catch {
    return false;
  }
}

export function ed25519PublicKeyOf(seed: Uint8Array): Uint8Array {
  return ed25519.getPublicKey(seed);
}

export function isEd25519PublicKey(bytes: Uint8Array): boolean {
  if (bytes.length !== ED25519_PUBLIC_KEY_BYTES) return false;
  try {
    return ed25519.utils.isValidPublicKey(bytes, false);
  } catch {
    return false;
  }
}

export function randomEd25519Seed(): Uint8Array {
  return ed25519.utils.randomSecretKey();
}
