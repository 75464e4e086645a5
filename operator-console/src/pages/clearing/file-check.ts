/** The SHA-256 of a file's bytes, hex (the browser's own WebCrypto). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as BufferSource);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Whether a downloaded file is the one issued: its bytes hash to the SHA-256 the cycle lists (the
 * one its audit leaf carries) and the download's `x-content-sha256` says the same.
 */
export async function fileMatches(
  bytes: Uint8Array,
  listed: string,
  header: string | null,
): Promise<boolean> {
  const actual = await sha256Hex(bytes);
  return actual === listed && (header === null || header === listed);
}
