// The sdk's own SHA-256 (audit/sha256.ts) against node:crypto, for every length around the block
// and padding boundaries and for random inputs; and the log hash uses it.
import { createHash, randomBytes } from 'node:crypto';
import { sha256LogHash } from '../../src/audit/hash';
import { sha256 } from '../../src/audit/sha256';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const expected = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

test('equals node:crypto for every length from 0 to 300 bytes', () => {
  for (let n = 0; n <= 300; n++) {
    const data = new Uint8Array(n).map((_, i) => (i * 7 + n) & 0xff);
    expect([n, hex(sha256(data))]).toEqual([n, expected(data)]);
  }
});

test('equals node:crypto for random inputs up to 100 KB, and subarrays of larger buffers', () => {
  for (let i = 0; i < 200; i++) {
    const data = randomBytes(Math.floor(Math.random() * 100_000));
    expect(hex(sha256(data))).toBe(expected(data));
    const view = data.subarray(3, Math.max(3, data.length - 5));
    expect(hex(sha256(view))).toBe(expected(view));
  }
});

test('keeps no state between calls, and the log hash is it', () => {
  const a = randomBytes(100);
  const first = hex(sha256(a));
  sha256(randomBytes(1000));
  expect(hex(sha256(a))).toBe(first);
  expect(hex(sha256LogHash.digest(a))).toBe(first);
});
