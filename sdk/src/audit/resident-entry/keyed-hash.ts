// HMAC (RFC 2104) over a log's own hash, so a program on SM3 keys its resident entries with SM3 too.
// Pure TypeScript for the phone; the service may pass node:crypto's HMAC instead (same output,
// checked in test/audit/keyed-hash.test.ts).
import type { LogHash } from '../hash';

/** A keyed hash: HMAC under the log's hash. 32 bytes. */
export type KeyedHash = (key: Uint8Array, message: Uint8Array) => Uint8Array;

// SHA-256 and SM3 both take 64-byte blocks.
const BLOCK = 64;
const IPAD = 0x36;
const OPAD = 0x5c;

export function keyedHash(hash: LogHash): KeyedHash {
  return (key, message) => {
    const k = new Uint8Array(BLOCK);
    k.set(key.length > BLOCK ? hash.digest(key) : key);
    const inner = new Uint8Array(BLOCK + message.length);
    for (let i = 0; i < BLOCK; i++) inner[i] = k[i] ^ IPAD;
    inner.set(message, BLOCK);
    const innerDigest = hash.digest(inner);
    const outer = new Uint8Array(BLOCK + innerDigest.length);
    for (let i = 0; i < BLOCK; i++) outer[i] = k[i] ^ OPAD;
    outer.set(innerDigest, BLOCK);
    return hash.digest(outer);
  };
}
