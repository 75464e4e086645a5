import {
  formatViewingKey,
  keyedHash,
  parseViewingKey,
  sha256LogHash,
  sm3LogHash,
  unwrapResidentKey,
  wrapResidentKey,
} from '../../src/audit';

const v = new Uint8Array(32).map((_, i) => i + 1);
const k = new Uint8Array(32).map((_, i) => 200 - i);

describe.each([
  ['sha256', sha256LogHash],
  ['sm3', sm3LogHash],
])('resident keys wrapped under the viewing key (%s)', (_, hash) => {
  const hmac = keyedHash(hash);

  test('open under the viewing key and the id they were wrapped for', () => {
    const wrapped = wrapResidentKey(hmac, v, 'rk_0011223344556677', k);
    expect(wrapped).toHaveLength(48);
    expect(unwrapResidentKey(hmac, v, 'rk_0011223344556677', wrapped)).toEqual(k);
    // The key does not show through: its wrapping differs from it everywhere it matters.
    expect(Buffer.from(wrapped.subarray(0, 32)).equals(Buffer.from(k))).toBe(false);
  });

  test('do not open under another viewing key, another id, or altered', () => {
    const wrapped = wrapResidentKey(hmac, v, 'rk_a', k);
    const other = v.map((b) => b ^ 1);
    expect(unwrapResidentKey(hmac, other, 'rk_a', wrapped)).toBeUndefined();
    expect(unwrapResidentKey(hmac, v, 'rk_b', wrapped)).toBeUndefined();
    const altered = wrapped.slice();
    altered[3] ^= 0x40;
    expect(unwrapResidentKey(hmac, v, 'rk_a', altered)).toBeUndefined();
    expect(unwrapResidentKey(hmac, v, 'rk_a', wrapped.subarray(0, 40))).toBeUndefined();
  });

  test('the same key under two ids wraps differently (no pad is reused)', () => {
    const a = wrapResidentKey(hmac, v, 'rk_a', k);
    const b = wrapResidentKey(hmac, v, 'rk_b', k);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
  });
});

test('a viewing key prints and parses as vk_<id>:<base64>', () => {
  const text = formatViewingKey({ keyId: 'vk_0123456789abcdef', key: v });
  expect(text).toMatch(/^vk_0123456789abcdef:[A-Za-z0-9+/]{43}=$/);
  expect(parseViewingKey(`${text}\n`)).toEqual({
    ok: true,
    key: { keyId: 'vk_0123456789abcdef', key: v },
  });
  expect(parseViewingKey('vk_0123456789abcdef:AAAA')).toMatchObject({
    ok: false,
    reason: /32 bytes/,
  });
  expect(parseViewingKey('rk_x:AAAA')).toMatchObject({ ok: false });
});
