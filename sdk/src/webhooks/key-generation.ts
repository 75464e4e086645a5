// Fresh keys for operators. Needs a secure random source (globalThis.crypto.getRandomValues);
// on runtimes without one these functions throw rather than produce weak keys.
import { randomBytes } from '@noble/hashes/utils';
import { ed25519PublicKeyOf, randomEd25519Seed } from './ed25519-scheme';
import { formatEd25519PublicKey, formatEd25519SecretKey, formatHmacSecret } from './keys';

const GENERATED_HMAC_SECRET_BYTES = 32;

/** A new `whsec_` shared secret of 32 random bytes, for v1 (HMAC-SHA256) signatures. */
export function generateHmacSecret(): string {
  return formatHmacSecret(randomBytes(GENERATED_HMAC_SECRET_BYTES));
}

export interface Ed25519KeyPair {
  /** `whsk_…`: stays with the operator, who signs with it. */
  secretKey: string;
  /** `whpk_…`: registered with Tanlian, which verifies with it. */
  publicKey: string;
}

/** A new Ed25519 key pair for v1a signatures. */
export function generateEd25519KeyPair(): Ed25519KeyPair {
  const seed = randomEd25519Seed();
  return {
    secretKey: formatEd25519SecretKey(seed),
    publicKey: formatEd25519PublicKey(ed25519PublicKeyOf(seed)),
  };
}
