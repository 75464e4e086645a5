import { createHash, randomBytes } from 'node:crypto';

// The code a resident's QR carries: "RC" + 32 characters of RFC 4648 base32 (A-Z, 2-7) encoding
// 160 random bits. Upper case letters and digits only, so the QR uses alphanumeric mode (34
// characters fit a version 2 symbol at level M) and a scanner that types it as keys cannot mangle
// it. The POS presents the code alone: it finds its row by its SHA-256, the only form kept.

const PREFIX = 'RC';
const SECRET_BYTES = 20;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const SHAPE = /^RC[A-Z2-7]{32}$/;

export interface MintedRedemptionCode {
  code: string;
  secretHash: Buffer;
}

export function mintRedemptionCode(): MintedRedemptionCode {
  const code = PREFIX + base32(randomBytes(SECRET_BYTES));
  return { code, secretHash: hashRedemptionCode(code) };
}

/**
 * The hash to look a presented code up by, or null when it is not shaped like one (no query then).
 * Base32 has one case: a scanner that lower-cases it still presents the same code.
 */
export function presentedCodeHash(presented: string): Buffer | null {
  const code = presented.trim().toUpperCase();
  return SHAPE.test(code) ? hashRedemptionCode(code) : null;
}

function hashRedemptionCode(code: string): Buffer {
  return createHash('sha256').update(code).digest();
}

/** RFC 4648 base32 without padding, for lengths that are a multiple of 5 bytes. */
function base32(bytes: Buffer): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 5) {
    // 40 bits as a number (safe below 2^53), read five bits at a time from the top.
    let chunk = 0;
    for (let j = 0; j < 5; j++) chunk = chunk * 256 + bytes[i + j];
    for (let k = 7; k >= 0; k--) out += ALPHABET[Math.floor(chunk / 2 ** (k * 5)) % 32];
  }
  return out;
}
