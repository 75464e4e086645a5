// RFC 8785 (JSON Canonicalization Scheme) for the values Tanlian signs and hashes: strings,
// safe integers, booleans, null, arrays and objects. Amounts travel as strings, so a non-integer
// number is refused rather than formatted (JCS's float formatting is never needed here).

export type CanonicalValue =
  | string
  | number
  | boolean
  | null
  | readonly CanonicalValue[]
  | { readonly [key: string]: CanonicalValue | undefined };

export function canonicalJson(value: CanonicalValue): string {
  if (value === null || typeof value === 'boolean') return String(value);
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value))
      throw new RangeError(`canonical JSON holds safe integers only, not ${value}`);
    return String(value);
  }
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  const object = value as { readonly [key: string]: CanonicalValue | undefined };
  // Keys sorted by UTF-16 code units, which is what JS string comparison does.
  const keys = Object.keys(object)
    .filter((k) => object[k] !== undefined)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(object[k] as CanonicalValue)}`).join(',')}}`;
}
