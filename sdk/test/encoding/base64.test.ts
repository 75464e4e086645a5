import fc from 'fast-check';
import { decodeBase64, encodeBase64 } from '../../src/encoding/base64';

describe('base64', () => {
  it('encodes exactly like Node Buffer, and decodes its own output back', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const text = encodeBase64(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64'));
        expect(decodeBase64(text)).toEqual(bytes);
      }),
      { numRuns: 500 },
    );
  });

  it('handles the RFC 4648 test vectors', () => {
    const vectors: Array<[string, string]> = [
      ['', ''],
      ['f', 'Zg=='],
      ['fo', 'Zm8='],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg=='],
      ['fooba', 'Zm9vYmE='],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [plain, encoded] of vectors) {
      const bytes = new Uint8Array(Buffer.from(plain));
      expect(encodeBase64(bytes)).toBe(encoded);
      expect(decodeBase64(encoded)).toEqual(bytes);
    }
  });

  it.each([
    ['missing padding', 'Zg'],
    ['wrong length', 'Zm9vY'],
    ['padding in the middle', 'Zg==Zm9v'],
    ['too much padding', 'Z==='],
    ['only padding', '===='],
    ['whitespace', 'Zm9v YmFy'],
    ['url-safe alphabet', 'ab-_'],
    ['non-ASCII', 'Zm9é'],
    ['non-zero unused bits (1 pad)', 'Zm9='],
    ['non-zero unused bits (2 pad)', 'Zh=='],
  ])('rejects %s without throwing', (_name, text) => {
    expect(decodeBase64(text)).toBeUndefined();
  });

  it('never throws on arbitrary strings, and agrees with Buffer when it accepts', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        const decoded = decodeBase64(text);
        if (decoded) expect(encodeBase64(decoded)).toBe(text);
      }),
      { numRuns: 1000 },
    );
  });
});
