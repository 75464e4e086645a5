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
  return write(value, '$');
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
      if (/[\uD800-\uDFFF]/u.test(value)) throw new TypeError(`${at}: string has a lone surrogate`);
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
