import {
  generateEd25519KeyPair,
  generateHmacSecret,
  parseSigningKey,
  parseVerificationKey,
  webhookPublicKeyFromSecret,
  WebhookKeyError,
} from '../../src/webhooks';
import { OFFICIAL } from './fixtures';
import { fromBase64, nodeEd25519PublicKey } from './node-crypto';

describe('generateHmacSecret', () => {
  it('makes a whsec_ key of 32 random bytes, different each time', () => {
    const a = generateHmacSecret();
    const b = generateHmacSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(fromBase64(a.slice('whsec_'.length))).toHaveLength(32);
    expect(a).not.toBe(b);
    expect(parseVerificationKey(a).version).toBe('v1');
  });
});

describe('generateEd25519KeyPair', () => {
  it('makes a whsk_/whpk_ pair whose public key Node derives identically', () => {
    const { secretKey, publicKey } = generateEd25519KeyPair();
    expect(secretKey).toMatch(/^whsk_[A-Za-z0-9+/]{43}=$/);
    expect(publicKey).toMatch(/^whpk_[A-Za-z0-9+/]{43}=$/);
    const seed = fromBase64(secretKey.slice('whsk_'.length));
    expect(fromBase64(publicKey.slice('whpk_'.length))).toEqual(nodeEd25519PublicKey(seed));
    expect(generateEd25519KeyPair().secretKey).not.toBe(secretKey);
  });
});

describe('webhookPublicKeyFromSecret', () => {
  it('derives the public key of the official v1a test key', () => {
    const seed = fromBase64(OFFICIAL.ed25519SecretKey.slice('whsk_'.length));
    const expected = 'whpk_' + Buffer.from(nodeEd25519PublicKey(seed)).toString('base64');
    expect(webhookPublicKeyFromSecret(OFFICIAL.ed25519SecretKey)).toBe(expected);
  });

  it('refuses anything but a whsk_ key', () => {
    expect(() => webhookPublicKeyFromSecret(OFFICIAL.hmacSecret)).toThrow(WebhookKeyError);
    expect(() => webhookPublicKeyFromSecret('whsk_short')).toThrow(WebhookKeyError);
  });
});

describe('key parsing', () => {
  const { secretKey, publicKey } = generateEd25519KeyPair();

  it('takes whsec_ and whsk_ for signing, whsec_ and whpk_ for verifying', () => {
    expect(parseSigningKey(OFFICIAL.hmacSecret).version).toBe('v1');
    expect(parseSigningKey(secretKey).version).toBe('v1a');
    expect(parseVerificationKey(OFFICIAL.hmacSecret).version).toBe('v1');
    expect(parseVerificationKey(publicKey).version).toBe('v1a');
    expect(() => parseSigningKey(publicKey)).toThrow(WebhookKeyError);
  });

  it('refuses a whsk_ secret key on the verifying side, pointing to the public key', () => {
    expect(() => parseVerificationKey(secretKey)).toThrow(/whpk_/);
  });

  it.each([
    ['no prefix', 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'],
    ['bad base64', 'whsec_not base64!'],
    ['a secret under 24 bytes', 'whsec_' + Buffer.alloc(23, 1).toString('base64')],
    ['a secret over 64 bytes', 'whsec_' + Buffer.alloc(65, 1).toString('base64')],
    ['a 31-byte public key', 'whpk_' + Buffer.alloc(31, 1).toString('base64')],
    [
      'a public key that is not a valid point encoding',
      'whpk_' + Buffer.alloc(32, 0xff).toString('base64'),
    ],
    ['empty', ''],
  ])('refuses %s, without echoing the key', (_name, key) => {
    let error: unknown;
    try {
      parseVerificationKey(key);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(WebhookKeyError);
    const body = key.replace(/^wh(sec|pk)_/, '');
    if (body.length > 4) expect((error as Error).message).not.toContain(body);
  });

  it('accepts secrets at both size limits', () => {
    for (const size of [24, 64]) {
      const key = 'whsec_' + Buffer.alloc(size, 7).toString('base64');
      expect(parseVerificationKey(key)).toEqual({
        version: 'v1',
        secret: new Uint8Array(size).fill(7),
      });
    }
  });
});
