import { canonicalJson, type CanonicalValue } from '@tanlian/sdk';
import { createHmac } from 'node:crypto';

/** First byte of every leaf: the format version, so the leaf encoding can evolve. */
export const LEAF_FORMAT_VERSION = 1;

/** Leaf data = version byte ‖ RFC 8785 canonical JSON (amounts as strings, no personal data). */
export function encodeLeaf(body: { [key: string]: CanonicalValue }): Buffer {
  let json: string;
  try {
    json = fastCanonicalJson(body);
  } catch {
    // Whatever the fast writer refuses, the sdk's writer refuses too, with the path in its message.
    json = canonicalJson(body);
  }
  const leaf = Buffer.allocUnsafe(1 + Buffer.byteLength(json, 'utf8'));
  leaf[0] = LEAF_FORMAT_VERSION;
  leaf.write(json, 1, 'utf8');
  return leaf;
}

/**
 * The sdk's canonicalJson, byte for byte, for the crediting hot path (a leaf per credited event;
 * the sdk's writer spent most of its time building error paths that are only needed on failure).
 * Throws a bare error on anything the sdk would refuse; encodeLeaf then lets the sdk say why.
 */
function fastCanonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      // I-JSON forbids lone surrogates, as the sdk's writer does.
      if (!isWellFormed(value)) throw new TypeError('lone surrogate');
      return JSON.stringify(value);
    case 'number':
      if (!Number.isSafeInteger(value)) throw new TypeError('not a safe integer');
      return value === 0 ? '0' : String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      return Array.isArray(value) ? fastArray(value) : fastObject(value as Record<string, unknown>);
    default:
      throw new TypeError('no JSON form');
  }
}

// ES2024's String.prototype.isWellFormed (native in Node 20); the project's TypeScript lib predates it.
const isWellFormed = (s: string) => (s as unknown as { isWellFormed(): boolean }).isWellFormed();

function fastArray(items: unknown[]): string {
  let out = '[';
  for (let i = 0; i < items.length; i++) out += (i ? ',' : '') + fastCanonicalJson(items[i]);
  return out + ']';
}

function fastObject(object: Record<string, unknown>): string {
  const proto = Object.getPrototypeOf(object);
  if (proto !== Object.prototype && proto !== null) throw new TypeError('not a plain object');
  // Default sort = UTF-16 code unit order, as RFC 8785 and the sdk's writer sort keys.
  const keys = Object.keys(object).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const v = object[key];
    if (v === undefined) continue;
    out += (first ? '' : ',') + keyJson(key) + ':' + fastCanonicalJson(v);
    first = false;
  }
  return out + '}';
}

// Leaves use a few dozen distinct keys, over and over: each is escaped once.
const keyJsonCache = new Map<string, string>();
function keyJson(key: string): string {
  let json = keyJsonCache.get(key);
  if (json === undefined) {
    json = fastCanonicalJson(key);
    if (keyJsonCache.size < 1000) keyJsonCache.set(key, json);
  }
  return json;
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
let lastSalt: Buffer | null = null;
let lastRefs = new Map<number, string>();

function refsUnder(salt: Buffer): Map<number, string> {
  // Each crediting batch reads the salt afresh (a new Buffer); compare contents, not identity.
  if (salt === lastSalt) return lastRefs;
  const key = salt.toString('base64');
  let refs = refsBySalt.get(key);
  if (!refs) {
    if (refsBySalt.size >= 64) refsBySalt.clear();
    refs = new Map();
    refsBySalt.set(key, refs);
  }
  lastSalt = salt;
  lastRefs = refs;
  return refs;
}
