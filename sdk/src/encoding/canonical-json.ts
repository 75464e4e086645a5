/** The values canonical JSON holds here: no floats (amounts travel as strings or integers). */
export type CanonicalValue =
  | string
  | number
  | boolean
  | null
  | readonly CanonicalValue[]
  | { readonly [key: string]: CanonicalValue | undefined };

/**
 * RFC 8785 (JSON Canonicalization Scheme) for what Tanlian hashes and signs (methodology
 * definitions, audit-log leaves): integers,
 * strings, booleans, null, arrays and objects. Keys are sorted by UTF-16 code units (JavaScript's
 * default sort), nothing is indented, strings are escaped as JSON.stringify escapes them.
 * Non-integer numbers are refused rather than formatted, so a float can never reach a hash.
 */
export function canonicalJson(value: unknown): string {
  try {
    return fast(value);
  } catch {
    // Whatever the fast writer refuses, `write` refuses too, naming where in the value.
    return write(value, '$');
  }
}

/**
 * The same bytes as `write`, built in loops without per-member arrays or error paths: it runs
 * for every audit leaf and every ingested event. Throws a bare error on what `write` refuses.
 */
function fast(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      if (LONE_SURROGATE.test(value)) throw new TypeError('lone surrogate');
      return JSON.stringify(value);
    case 'number':
      if (!Number.isSafeInteger(value)) throw new TypeError('not a safe integer');
      return value === 0 ? '0' : String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + fast(value[i]);
        return out + ']';
      }
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) throw new TypeError('not a plain object');
      const object = value as Record<string, unknown>;
      let out = '{';
      let first = true;
      // The default sort is UTF-16 code unit order, as in `writeObject`.
      for (const key of Object.keys(object).sort()) {
        const member = object[key];
        if (member === undefined) continue;
        out += (first ? '' : ',') + keyJson(key) + ':' + fast(member);
        first = false;
      }
      return out + '}';
    }
    default:
      throw new TypeError('no JSON form');
  }
}

// With the u flag a surrogate pair is one code point: only a lone surrogate matches.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

// Leaves and events use a few dozen distinct keys over and over: each is escaped once.
const keyJsonCache = new Map<string, string>();
function keyJson(key: string): string {
  let json = keyJsonCache.get(key);
  if (json === undefined) {
    json = fast(key);
    if (keyJsonCache.size < 1000) keyJsonCache.set(key, json);
  }
  return json;
}

function write(value: unknown, at: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isSafeInteger(value))
        throw new TypeError(
          `${at}: ${value} is not a safe integer; canonical JSON here holds integers only`,
        );
      // -0 prints as 0, as RFC 8785 requires.
      return String(value === 0 ? 0 : value);
    case 'string':
      // I-JSON (RFC 7493), which RFC 8785 builds on, forbids lone surrogates.
      if (LONE_SURROGATE.test(value)) throw new TypeError(`${at}: string has a lone surrogate`);
      return JSON.stringify(value);
    case 'object':
      return Array.isArray(value) ? writeArray(value, at) : writeObject(value as object, at);
    default:
      throw new TypeError(`${at}: a ${typeof value} has no JSON form`);
  }
}

function writeArray(items: unknown[], at: string): string {
  return `[${items.map((item, i) => write(item, `${at}[${i}]`)).join(',')}]`;
}

function writeObject(object: object, at: string): string {
  if (Object.getPrototypeOf(object) !== Object.prototype && Object.getPrototypeOf(object) !== null)
    throw new TypeError(`${at}: only plain objects have a canonical form`);
  const members = Object.entries(object)
    // Like JSON.stringify, an undefined member is absent (zod leaves optional fields that way).
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, v]) => `${write(key, at)}:${write(v, `${at}.${key}`)}`);
  return `{${members.join(',')}}`;
}

/**
 * The value `text` is the canonical JSON of (RFC 8785: re-encoding gives the same text), or
 * undefined: not JSON, or JSON in another form, or a value canonical JSON refuses (floats,
 * lone surrogates). Leaves are checked with it, by the verifier and on the phone.
 */
export function parseCanonicalJson(text: string): unknown {
  try {
    const value: unknown = JSON.parse(text);
    return canonicalJson(value) === text ? value : undefined;
  } catch {
    return undefined;
  }
}
