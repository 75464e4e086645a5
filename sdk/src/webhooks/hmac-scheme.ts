// v1 signatures: HMAC-SHA256 over the signed content.
import { hmac } from '@noble/hashes/hmac';
import { sha256 } from '@noble/hashes/sha2';

export const HMAC_SIGNATURE_BYTES = 32;

export function hmacSign(secret: Uint8Array, content: Uint8Array): Uint8Array {
  return hmac(sha256, secret, content);
}
