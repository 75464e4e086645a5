import { ed25519 } from '@noble/curves/ed25519';
import { randomBytes } from 'node:crypto';
import { verifyEd25519 } from '../../src/audit/ed25519-verify';

// The cached-point verifier must agree with @noble/curves' strict verify on every input: valid
// signatures, every single-bit change, out-of-range s, non-canonical and small-order points.

const strict = (sig: Uint8Array, msg: Uint8Array, pub: Uint8Array) => {
  try {
    return ed25519.verify(sig, msg, pub, { zip215: false });
  } catch {
    return false;
  }
};

const L = ed25519.CURVE.n;
const toLE = (x: bigint) => {
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = Number((x >> BigInt(8 * i)) & BigInt(255));
  return out;
};

describe('Ed25519 verification with cached key points', () => {
  const keys = Array.from({ length: 3 }, () => {
    const secret = ed25519.utils.randomPrivateKey();
    return { secret, pub: ed25519.getPublicKey(secret) };
  });

  it('accepts what strict RFC 8032 accepts, for several keys in turn, many times', () => {
    for (let i = 0; i < 60; i++) {
      const { secret, pub } = keys[i % keys.length];
      const msg = randomBytes(1 + (i % 90));
      const sig = ed25519.sign(msg, secret);
      expect(verifyEd25519(sig, msg, pub)).toBe(true);
      expect(verifyEd25519(sig, msg, keys[(i + 1) % keys.length].pub)).toBe(false);
    }
  });

  it('agrees with noble on every single-bit change of signature, message and key', () => {
    const { secret, pub } = keys[0];
    const msg = new TextEncoder().encode('tanlian.local/shenzhen/sha256\n42\nroot\n');
    const sig = ed25519.sign(msg, secret);
    for (const [which, bytes] of [
      ['sig', sig],
      ['msg', msg],
      ['pub', pub],
    ] as const) {
      for (let bit = 0; bit < bytes.length * 8; bit++) {
        const changed = Uint8Array.from(bytes);
        changed[bit >> 3] ^= 1 << (bit & 7);
        const args: [Uint8Array, Uint8Array, Uint8Array] =
          which === 'sig'
            ? [changed, msg, pub]
            : which === 'msg'
              ? [sig, changed, pub]
              : [sig, msg, changed];
        expect([which, bit, verifyEd25519(...args)]).toEqual([which, bit, strict(...args)]);
        expect(verifyEd25519(...args)).toBe(false);
      }
    }
  });

  it('refuses s ≥ L (the malleable twin of a valid signature) like strict verify', () => {
    const { secret, pub } = keys[1];
    const msg = randomBytes(32);
    const sig = ed25519.sign(msg, secret);
    let s = BigInt(0);
    for (let i = 31; i >= 0; i--) s = (s << BigInt(8)) | BigInt(sig[32 + i]);
    const twin = Uint8Array.from([...sig.subarray(0, 32), ...toLE(s + L)]);
    expect(strict(twin, msg, pub)).toBe(false);
    expect(verifyEd25519(twin, msg, pub)).toBe(false);
  });

  it('refuses small-order and non-canonical keys and wrong lengths, without throwing', () => {
    const msg = randomBytes(16);
    const sig = ed25519.sign(msg, keys[2].secret);
    const identity = toLE(BigInt(1)); // the neutral point: small order
    const nonCanonical = new Uint8Array(32).fill(0xff);
    nonCanonical[31] = 0x7f; // y = 2^255 - 1 ≥ p
    for (const pub of [identity, nonCanonical, new Uint8Array(31), new Uint8Array(33)]) {
      expect(verifyEd25519(sig, msg, pub)).toBe(strict(sig, msg, pub));
      expect(verifyEd25519(sig, msg, pub)).toBe(false);
    }
    expect(verifyEd25519(sig.subarray(0, 63), msg, keys[2].pub)).toBe(false);
  });
});
