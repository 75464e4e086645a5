// UTF-8 to string without TextDecoder (missing on some WeChat base libraries). Lenient: invalid
// sequences become U+FFFD. The leaf check re-encodes the decoded text and compares bytes, so any
// invalid or overlong sequence still shows up there as a non-canonical leaf.

const REPLACEMENT = 0xfffd;
const CHUNK = 4096;

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
  if (length === 0 || i + length > bytes.length) return [REPLACEMENT, 1];
  let codePoint = lead & (0xff >> (length + 1));
  for (let k = 1; k < length; k++) {
    const next = bytes[i + k];
    if ((next & 0xc0) !== 0x80) return [REPLACEMENT, 1];
    codePoint = (codePoint << 6) | (next & 0x3f);
  }
  if (codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) {
    return [REPLACEMENT, length];
  }
  return [codePoint, length];
}
