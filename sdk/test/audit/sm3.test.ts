// SM3 (GB/T 32905-2016): the standard's examples, and agreement with node:crypto (OpenSSL) on
// inputs of every length across the padding boundaries.
import { randomBytes } from 'node:crypto';
import { sm3, sm3LogHash } from '../../src/audit';
import { nodeDigest, nodeHasSm3 } from './support/node-hashes';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const ascii = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));

test('GB/T 32905-2016 example 1: SM3("abc")', () => {
  expect(hex(sm3(ascii('abc')))).toBe(
    '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
  );
});

test('GB/T 32905-2016 example 2: SM3("abcd" x 16)', () => {
  expect(hex(sm3(ascii('abcd'.repeat(16))))).toBe(
    'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732',
  );
});

test('sm3LogHash is SM3 with 32-byte output', () => {
  expect(sm3LogHash.name).toBe('sm3');
  expect(sm3LogHash.digest(ascii('abc'))).toEqual(sm3(ascii('abc')));
});

describe('agreement with node:crypto', () => {
  test('node:crypto on this machine provides sm3', () => {
    // If this fails, the cross-check below cannot run: OpenSSL was built without SM3.
    expect(nodeHasSm3()).toBe(true);
  });

  test('every length 0..300 (random content), incl. 55/56/63/64/65', () => {
    for (let length = 0; length <= 300; length++) {
      const data = new Uint8Array(randomBytes(length));
      expect([length, hex(sm3(data))]).toEqual([length, hex(nodeDigest('sm3', data))]);
    }
  });

  test('longer inputs spanning many blocks', () => {
    for (const length of [1000, 4095, 4096, 4097, 65_536 + 7]) {
      const data = new Uint8Array(randomBytes(length));
      expect(hex(sm3(data))).toBe(hex(nodeDigest('sm3', data)));
    }
  });

  test('does not alter its input and is repeatable', () => {
    const data = new Uint8Array(randomBytes(100));
    const copy = data.slice();
    expect(sm3(data)).toEqual(sm3(data));
    expect(data).toEqual(copy);
  });
});
