// Random bytes for idempotency keys. The phone has no crypto.getRandomValues: WeChat's own source
// is wx.getRandomValues (base library 2.22+), asynchronous and callback-style (Taro issue #13673:
// awaiting getUserCryptoManager().getRandomValues gives undefined). Where neither exists, bytes
// from Math.random mixed with the time and a counter: not secret, but unique enough for a key
// that only has to differ between two purchases.
import Taro from '@tarojs/taro';

export type RandomSource = 'wechat' | 'web-crypto' | 'fallback';

interface WxRandom {
  getRandomValues?: (options: {
    length: number;
    success: (res: { randomValues: ArrayBuffer }) => void;
    fail: (err: unknown) => void;
  }) => void;
}

let counter = 0;

export async function randomBytes(
  length: number,
): Promise<{ bytes: Uint8Array; source: RandomSource }> {
  const wx = (Taro as unknown as WxRandom).getRandomValues
    ? (Taro as unknown as WxRandom)
    : globalWx();
  if (wx?.getRandomValues) {
    try {
      const bytes = await new Promise<Uint8Array>((resolve, reject) =>
        wx.getRandomValues!({
          length,
          success: (res) => resolve(new Uint8Array(res.randomValues)),
          fail: reject,
        }),
      );
      if (bytes.length === length) return { bytes, source: 'wechat' };
    } catch {
      // fall through
    }
  }
  const webCrypto = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } })
    .crypto;
  if (webCrypto?.getRandomValues) {
    return { bytes: webCrypto.getRandomValues(new Uint8Array(length)), source: 'web-crypto' };
  }
  return { bytes: fallbackBytes(length), source: 'fallback' };
}

function globalWx(): WxRandom | undefined {
  return (globalThis as { wx?: WxRandom }).wx;
}

function fallbackBytes(length: number): Uint8Array {
  const out = new Uint8Array(length);
  counter = (counter + 1) >>> 0;
  const seed = [Date.now() & 0xffffffff, counter];
  for (let i = 0; i < length; i++) {
    out[i] = (Math.floor(Math.random() * 256) ^ (seed[i % 2] >>> ((i % 4) * 8))) & 0xff;
  }
  return out;
}

/** An Idempotency-Key: 32 hex characters (128 bits). */
export async function idempotencyKey(): Promise<string> {
  const { bytes } = await randomBytes(16);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
