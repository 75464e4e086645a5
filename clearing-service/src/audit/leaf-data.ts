import { canonicalJson, LEAF_FORMAT_2, type CanonicalValue } from '@tanlian/sdk';
import { createHmac } from 'node:crypto';

/**
 * First byte of every leaf: the format version, so the leaf encoding can evolve. Format 2 since the
 * private log (docs/private-log.md); the leaves written before stay format 1.
 */
export const LEAF_FORMAT_VERSION = LEAF_FORMAT_2;

/**
 * An organisation's leaf: version byte ‖ RFC 8785 canonical JSON (amounts as strings, no personal
 * data). A resident's entry is written by ResidentEntries (sdk residentEntryLeaf).
 */
export function encodeLeaf(body: { [key: string]: CanonicalValue }): Buffer {
  const json = canonicalJson(body);
  const leaf = Buffer.allocUnsafe(1 + Buffer.byteLength(json, 'utf8'));
  leaf[0] = LEAF_FORMAT_VERSION;
  leaf.write(json, 1, 'utf8');
  return leaf;
}

/**
 * How a resident appeared in format-1 leaves: an HMAC of their id under the program's secret salt,
 * the same in every leaf of theirs. Format 2 names no resident; this stays for reading old leaves
 * (the bureau's key listing maps each resident's old reference to them).
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
