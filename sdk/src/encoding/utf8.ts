// UTF-8 without TextEncoder, which some WeChat base libraries lack. Webhook bodies follow
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
