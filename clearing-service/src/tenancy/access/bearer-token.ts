import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// Every bearer credential Tanlian issues: "<prefix>_<16 hex>.<43 chars>". The id finds the row,
// the secret (256 random bits, so a fast hash is enough) proves it; only the secret's SHA-256 is
// stored. key = API key, rs = resident session, bt = binding token.

export type TokenPrefix = 'key' | 'rs' | 'bt';

const SHAPES: Record<TokenPrefix, RegExp> = {
  key: /^(key_[0-9a-f]{16})\.([A-Za-z0-9_-]{43})$/,
  rs: /^(rs_[0-9a-f]{16})\.([A-Za-z0-9_-]{43})$/,
  bt: /^(bt_[0-9a-f]{16})\.([A-Za-z0-9_-]{43})$/,
};

export interface MintedToken {
  id: string;
  token: string;
  secretHash: Buffer;
}

export function mintToken(prefix: TokenPrefix): MintedToken {
  const id = `${prefix}_${randomBytes(8).toString('hex')}`;
  const secret = randomBytes(32).toString('base64url');
  return { id, token: `${id}.${secret}`, secretHash: hashSecret(secret) };
}

/** Null for anything not shaped like this prefix's tokens, so callers stop before any query. */
export function parseToken(
  prefix: TokenPrefix,
  token: string,
): { id: string; secret: string } | null {
  const match = SHAPES[prefix].exec(token);
  return match ? { id: match[1], secret: match[2] } : null;
}

export function secretMatches(secret: string, storedHash: Buffer): boolean {
  return timingSafeEqual(hashSecret(secret), storedHash);
}

function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}
