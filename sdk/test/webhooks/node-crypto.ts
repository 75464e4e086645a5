// An independent second implementation (Node's OpenSSL-backed crypto) to cross-check the
// pure-TypeScript one against. Tests only: src/ must not depend on Node.
import { createHmac, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';

export function nodeHmacSha256Base64(secret: Uint8Array, content: Uint8Array): string {
  return createHmac('sha256', secret).update(content).digest('base64');
}

function base64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

function privateKeyFromSeed(seed: Uint8Array) {
  // PKCS#8 wrapping of a raw Ed25519 seed (RFC 8410).
  const pkcs8Prefix = Buffer.from('302e020100300506032b657004220420', 'hex');
  return createPrivateKey({
    key: Buffer.concat([pkcs8Prefix, seed]),
    format: 'der',
    type: 'pkcs8',
  });
}

export function nodeEd25519PublicKey(seed: Uint8Array): Uint8Array {
  const jwk = createPublicKey(privateKeyFromSeed(seed)).export({ format: 'jwk' });
  return new Uint8Array(Buffer.from(jwk.x as string, 'base64url'));
}

export function nodeEd25519Sign(seed: Uint8Array, content: Uint8Array): Uint8Array {
  return new Uint8Array(sign(null, content, privateKeyFromSeed(seed)));
}

export function nodeEd25519Verify(
  publicKey: Uint8Array,
  content: Uint8Array,
  signature: Uint8Array,
): boolean {
  const key = createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: base64url(publicKey) },
    format: 'jwk',
  });
  return verify(null, content, key, signature);
}

export function fromBase64(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64'));
}
