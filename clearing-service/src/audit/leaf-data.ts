import { canonicalJson, type CanonicalValue } from '@tanlian/sdk';
import { createHmac } from 'node:crypto';

/** First byte of every leaf: the format version, so the leaf encoding can evolve. */
export const LEAF_FORMAT_VERSION = 1;

/** Leaf data = version byte ‖ RFC 8785 canonical JSON (amounts as strings, no personal data). */
export function encodeLeaf(body: { [key: string]: CanonicalValue }): Buffer {
  return Buffer.concat([
    Buffer.from([LEAF_FORMAT_VERSION]),
    Buffer.from(canonicalJson(body), 'utf8'),
  ]);
}

/**
 * How a resident appears in the public log: an HMAC of their id under the program's secret salt,
 * stable (so an auditor can follow one account) but not linkable to the person.
 */
export function residentRef(salt: Buffer, residentId: number): string {
  return `r_${createHmac('sha256', salt).update(String(residentId)).digest('hex').slice(0, 32)}`;
}
