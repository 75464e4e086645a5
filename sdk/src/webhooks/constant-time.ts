/**
 * Compares two byte strings in time that depends only on their lengths, so a forger cannot
 * learn a valid signature byte by byte from response timings. Lengths are not secret: every
 * signature version has a fixed length.
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i] ^ b[i];
  return difference === 0;
}
