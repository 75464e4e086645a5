// Standard base64 (RFC 4648 §4, with padding): Standard Webhooks keys and signatures, checkpoint
// roots and note signatures. Hand-written because Buffer and atob are not available on every runtime
// the sdk targets (the WeChat mini-program among them).

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

const SEXTET_OF_CHAR_CODE: Int8Array = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  return table;
})();

export function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const group = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out +=
      ALPHABET[group >>> 18] +
      ALPHABET[(group >>> 12) & 63] +
      ALPHABET[(group >>> 6) & 63] +
      ALPHABET[group & 63];
  }
  const remaining = bytes.length - i;
  if (remaining === 1) {
    const group = bytes[i] << 16;
    out += ALPHABET[group >>> 18] + ALPHABET[(group >>> 12) & 63] + '==';
  } else if (remaining === 2) {
    const group = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += ALPHABET[group >>> 18] + ALPHABET[(group >>> 12) & 63] + ALPHABET[(group >>> 6) & 63];
    out += '=';
  }
  return out;
}

/**
 * Decodes padded standard base64. Returns undefined (never throws) for anything that is not
 * the canonical encoding of some bytes: wrong length, foreign characters, whitespace,
 * misplaced padding, or non-zero unused bits. Callers feed it untrusted header values.
 */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (typeof text !== 'string' || text.length % 4 !== 0) return undefined;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const pad = i + 4 === text.length ? padding : 0;
    const a = sextetAt(text, i);
    const b = sextetAt(text, i + 1);
    const c = pad === 2 ? 0 : sextetAt(text, i + 2);
    const d = pad >= 1 ? 0 : sextetAt(text, i + 3);
    if (a < 0 || b < 0 || c < 0 || d < 0) return undefined;
    const group = (a << 18) | (b << 12) | (c << 6) | d;
    // Canonical form only: bits past the last whole byte must be zero.
    if (pad === 2 && (group & 0xffff) !== 0) return undefined;
    if (pad === 1 && (group & 0xff) !== 0) return undefined;
    out[o++] = group >>> 16;
    if (pad < 2) out[o++] = (group >>> 8) & 0xff;
    if (pad < 1) out[o++] = group & 0xff;
  }
  return out;
}

function sextetAt(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code < 128 ? SEXTET_OF_CHAR_CODE[code] : -1;
}
