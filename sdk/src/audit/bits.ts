// Go's math/bits on uint64, for the tree sizes we accept: non-negative safe integers (< 2^53).
// JavaScript bit operators truncate to 32 bits, so larger values are handled as two 32-bit halves;
// values below 2^32 (every realistic log) take the native fast path.

const TWO_32 = 2 ** 32;
const MAX_UINT32 = TWO_32 - 1;

function high(x: number): number {
  return Math.floor(x / TWO_32);
}

function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export function isTreeSize(x: number): boolean {
  return Number.isSafeInteger(x) && x >= 0;
}

/** bits.Len64: number of bits needed to represent x (0 for 0). */
export function bitLength(x: number): number {
  if (x <= MAX_UINT32) return 32 - Math.clz32(x);
  return 64 - Math.clz32(high(x));
}

/** bits.OnesCount64. */
export function onesCount(x: number): number {
  if (x <= MAX_UINT32) return popcount32(x);
  return popcount32(high(x)) + popcount32(x >>> 0);
}

/** bits.TrailingZeros64 for x > 0. */
export function trailingZeros(x: number): number {
  const lo = x >>> 0;
  if (lo !== 0) return 31 - Math.clz32(lo & -lo);
  const hi = high(x);
  return 32 + 31 - Math.clz32(hi & -hi);
}

export function xor(a: number, b: number): number {
  if (a <= MAX_UINT32 && b <= MAX_UINT32) return (a ^ b) >>> 0;
  return (high(a) ^ high(b)) * TWO_32 + (((a >>> 0) ^ (b >>> 0)) >>> 0);
}

/** x >> n. */
export function shiftRight(x: number, n: number): number {
  if (x <= MAX_UINT32) return n < 32 ? x >>> n : 0;
  return Math.floor(x / 2 ** n);
}

/** (x >> i) & 1. */
export function bitAt(x: number, i: number): number {
  return shiftRight(x, i) % 2;
}

/** The largest power of two strictly smaller than n, for n >= 2 (RFC 9162's split point k). */
export function splitPoint(n: number): number {
  return 2 ** (bitLength(n - 1) - 1);
}

export function isPowerOfTwo(x: number): boolean {
  return x > 0 && onesCount(x) === 1;
}
