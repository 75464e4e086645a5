// RFC 4180 fields and lines, CRLF-free: every file of a cycle is LF-terminated UTF-8, so that its
// bytes (and SHA-256) are the same on every run and platform.

/** A field quoted when it holds a comma, quote or line break (a merchant's order id might). */
export function csvField(value: string | number | bigint | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(fields: readonly (string | number | bigint | null)[]): string {
  return `${fields.map(csvField).join(',')}\n`;
}

/** Fen as yuan with two decimals, for camt.053's amounts: 12345 → "123.45" (sign dropped). */
export function yuan(fen: bigint): string {
  const abs = fen < BigInt(0) ? -fen : fen;
  const cents = abs % BigInt(100);
  return `${abs / BigInt(100)}.${cents < BigInt(10) ? '0' : ''}${cents}`;
}
