// Finding a header signature that one of the live keys vouches for.
import { decodeBase64 } from '../encoding/base64';
import { constantTimeEqual } from './constant-time';
import { ED25519_SIGNATURE_BYTES, ed25519Verify } from './ed25519-scheme';
import { HMAC_SIGNATURE_BYTES, hmacSign } from './hmac-scheme';
import { VerificationKey } from './keys';
import { SignatureEntry } from './signature-header';
import { SignatureVersion } from './signature-version';

/** A configured key that is currently trusted, with the id reported when it matches. */
export interface LiveKey {
  keyId: string;
  key: VerificationKey;
}

export interface KeyMatch {
  keyId: string;
  version: SignatureVersion;
}

/**
 * The first entry (in header order) that a live key verifies, or undefined. Entries of other
 * versions are skipped, as are entries of the wrong length, before any cryptography runs.
 */
export function findMatchingKey(
  entries: readonly SignatureEntry[],
  keys: readonly LiveKey[],
  content: Uint8Array,
): KeyMatch | undefined {
  // Each secret's HMAC is computed at most once, however many v1 entries the header holds.
  const expectedHmacs = new Map<LiveKey, Uint8Array>();
  const expectedHmac = (live: LiveKey, secret: Uint8Array): Uint8Array => {
    let mac = expectedHmacs.get(live);
    if (!mac) {
      mac = hmacSign(secret, content);
      expectedHmacs.set(live, mac);
    }
    return mac;
  };

  for (const entry of entries) {
    if (entry.version === 'v1') {
      const signature = decodeSignature(entry.signature, HMAC_SIGNATURE_BYTES);
      if (!signature) continue;
      for (const live of keys) {
        if (live.key.version !== 'v1') continue;
        if (constantTimeEqual(expectedHmac(live, live.key.secret), signature)) {
          return { keyId: live.keyId, version: 'v1' };
        }
      }
    } else if (entry.version === 'v1a') {
      const signature = decodeSignature(entry.signature, ED25519_SIGNATURE_BYTES);
      if (!signature) continue;
      for (const live of keys) {
        if (live.key.version !== 'v1a') continue;
        if (ed25519Verify(live.key.publicKey, content, signature)) {
          return { keyId: live.keyId, version: 'v1a' };
        }
      }
    }
  }
  return undefined;
}

function decodeSignature(text: string, byteLength: number): Uint8Array | undefined {
  // Checking the length first means an oversized entry costs nothing to reject.
  if (text.length !== 4 * Math.ceil(byteLength / 3)) return undefined;
  const signature = decodeBase64(text);
  return signature && signature.length === byteLength ? signature : undefined;
}
