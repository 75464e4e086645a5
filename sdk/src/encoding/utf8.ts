// UTF-8 without TextEncoder or TextDecoder, which some WeChat base libraries lack. Webhook bodies follow
// TextEncoder exactly (a lone surrogate becomes U+FFFD) so a string signs the same everywhere;
// signed notes must refuse a lone surrogate instead, since it has no UTF-8 form.

const REPLACEMENT_CHARACTER = 0xfffd;

/** TextEncoder's encoding: lone surrogates become U+FFFD. */
export function encodeUtf8(text: string): Uint8Array {
  return encode(text, false) as Uint8Array;
}

/** The UTF-8 bytes of `text`, or undefined if it holds a lone surrogate. */
export function encodeUtf8Strict(text: string): Uint8Array | undefined {
  return encode(text, true);
}

function encode(text: string, strict: boolean): Uint8Array | undefined {
  // Each UTF-16 code unit yields at most 3 bytes (a surrogate pair: 2 units, 4 bytes).
  const out = new Uint8Array(text.length * 3);
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    let codePoint = text.charCodeAt(i);
    if (codePoint >= 0xd800 && codePoint <= 0xdfff) {
      const next = text.charCodeAt(i + 1);
      if (codePoint <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        codePoint = 0x10000 + ((codePoint - 0xd800) << 10) + (next - 0xdc00);
        i++;
      } else if (strict) {
        return undefined;
      } else {
        codePoint = REPLACEMENT_CHARACTER;
      }
    }
    if (codePoint < 0x80) {
      out[o++] = codePoint;
    } else if (codePoint < 0x800) {
      out[o++] = 0xc0 | (codePoint >> 6);
      out[o++] = 0x80 | (codePoint & 0x3f);
    } else if (codePoint < 0x10000) {
      out[o++] = 0xe0 | (codePoint >> 12);
      out[o++] = 0x80 | ((codePoint >> 6) & 0x3f);
      out[o++] = 0x80 | (codePoint & 0x3f);
    } else {
      out[o++] = 0xf0 | (codePoint >> 18);
      out[o++] = 0x80 | ((codePoint >> 12) & 0x3f);
      out[o++] = 0x80 | ((codePoint >> 6) & 0x3f);
      out[o++] = 0x80 | (codePoint & 0x3f);
    }
  }
  return out.slice(0, o);
}

const CHUNK = 4096;

/**
 * UTF-8 to string without TextDecoder. Lenient, as TextDecoder: invalid sequences become U+FFFD
 * (the verifier re-encodes what it decoded and compares bytes, so they still show there).
 */
export function decodeUtf8(bytes: Uint8Array): string {
  const parts: string[] = [];
  let units: number[] = [];
  let i = 0;
  while (i < bytes.length) {
    const [codePoint, length] = readCodePoint(bytes, i);
    i += length;
    if (codePoint >= 0x10000) {
      const c = codePoint - 0x10000;
      units.push(0xd800 + (c >> 10), 0xdc00 + (c & 0x3ff));
    } else {
      units.push(codePoint);
    }
    if (units.length >= CHUNK) {
      parts.push(String.fromCharCode(...units));
      units = [];
    }
  }
  parts.push(String.fromCharCode(...units));
  return parts.join('');
}

/** The code point at `i` and how many bytes it took (1 for an invalid byte). */
function readCodePoint(bytes: Uint8Array, i: number): [number, number] {
  const lead = bytes[i];
  if (lead < 0x80) return [lead, 1];
  const length = lead >= 0xf0 && lead < 0xf8 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 0;
  if (length === 0 || i + length > bytes.length) return [REPLACEMENT_CHARACTER, 1];
  let codePoint = lead & (0xff >> (length + 1));
  for (let k = 1; k < length; k++) {
    const next = bytes[i + k];
    if ((next & 0xc0) !== 0x80) return [REPLACEMENT_CHARACTER, 1];
    codePoint = (codePoint << 6) | (next & 0x3f);
  }
  if (codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) {
    return [REPLACEMENT_CHARACTER, length];
  }
  return [codePoint, length];
}
