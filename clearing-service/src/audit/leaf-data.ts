import { canonicalJson, type CanonicalValue } from '@tanlian/sdk';
import { createHmac } from 'node:crypto';

/** First byte of every leaf: the format version, so the leaf encoding can evolve. */
export const LEAF_FORMAT_VERSION = 1;

/** Leaf data = version byte ‖ RFC 8785 canonical JSON (amounts as strings, no personal data). */
export function encodeLeaf(body: { [key: string]: CanonicalValue }): Buffer {
  const json = canonicalJson(body);
  const leaf = Buffer.allocUnsafe(1 + Buffer.byteLength(json, 'utf8'));
  leaf[0] = LEAF_FORMAT_VERSION;
  leaf.write(json, 1, 'utf8');
  return leaf;
}

/**
 * How a resident appears in the public log: an HMAC of their id under the program's secret salt,
 * stable (so an auditor can follow one account) but not linkable to the person.
 */
export function residentRef(salt: Buffer, residentId: number): string {
  const refs = refsUnder(salt);
  let ref = refs.get(residentId);
  if (ref === undefined) {
    ref = `r_${createHmac('sha256', salt).update(String(residentId)).digest('hex').slice(0, 32)}`;
    if (refs.size >= MAX_CACHED_REFS_PER_SALT) refs.clear();
    refs.set(residentId, ref);
  }
  return ref;
}

// A resident earns many times, and each credit names them twice (the leaf and its posting): their
// reference is computed once per salt and resident rather than an HMAC each time (bounded memory).
const MAX_CACHED_REFS_PER_SALT = 200_000;
const refsBySalt = new Map<string, Map<number, string>>();

function refsUnder(salt: Buffer): Map<number, string> {
  // Each crediting batch reads the salt afresh (a new Buffer): key by contents, not identity.
  const key = salt.toString('base64');
  let refs = refsBySalt.get(key);
  if (!refs) {
    if (refsBySalt.size >= 64) refsBySalt.clear();
    refs = new Map();
    refsBySalt.set(key, refs);
  }
  return refs;
}
