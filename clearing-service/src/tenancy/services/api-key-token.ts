import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// Token = "<key id>.<secret>", e.g. key_3f9c0a1b2c3d4e5f.Zx3…; the id finds the row, the secret proves it.
const TOKEN = /^(key_[0-9a-f]{16})\.([A-Za-z0-9_-]{43})$/;

export interface NewApiKeyToken {
  keyId: string;
  token: string;
  secretHash: Buffer;
}

export function mintApiKeyToken(): NewApiKeyToken {
  const keyId = `key_${randomBytes(8).toString('hex')}`;
  const secret = randomBytes(32).toString('base64url');
  return { keyId, token: `${keyId}.${secret}`, secretHash: hashSecret(secret) };
}

export function parseApiKeyToken(token: string): { keyId: string; secret: string } | null {
  const match = TOKEN.exec(token);
  return match ? { keyId: match[1], secret: match[2] } : null;
}

export function secretMatches(secret: string, storedHash: Buffer): boolean {
  return timingSafeEqual(hashSecret(secret), storedHash);
}

function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}
