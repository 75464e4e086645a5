import fc from 'fast-check';
import { encodeUtf8, encodeUtf8Strict } from '../../src/encoding/utf8';

describe('encodeUtf8', () => {
  const reference = (text: string) => new Uint8Array(new TextEncoder().encode(text));
  // Any UTF-16 code unit, so lone surrogates appear ('binary' never produces them).
  const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit));

  it.each([
    ['ASCII', '{"test": 2432232314}'],
    ['Chinese', '深圳碳普惠：乘坐地铁减排 812 克'],
    ['emoji (surrogate pair)', '🚇🚲'],
    ['lone high surrogate', 'a\ud800b'],
    ['lone low surrogate', 'a\udc00b'],
    ['high surrogate at the end', 'ab\ud83d'],
    ['reversed pair', '\ude87\ud83d'],
    ['empty', ''],
  ])('matches TextEncoder for %s', (_name, text) => {
    expect(encodeUtf8(text)).toEqual(reference(text));
  });

  it('matches TextEncoder on arbitrary strings, lone surrogates included', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: anyCodeUnit })),
        (text) => {
          expect(encodeUtf8(text)).toEqual(reference(text));
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('encodeUtf8Strict (signed notes)', () => {
  test('matches Buffer for well-formed strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(encodeUtf8Strict(s)).toEqual(new Uint8Array(Buffer.from(s, 'utf8')));
      }),
    );
    expect(encodeUtf8Strict('碳联 — 🌳')).toEqual(new Uint8Array(Buffer.from('碳联 — 🌳', 'utf8')));
  });

  test('refuses unpaired surrogates', () => {
    for (const bad of ['\ud800', 'a\udc00b', '\udbff\ud800', '\ud83c']) {
      expect(encodeUtf8Strict(bad)).toBeUndefined();
    }
  });
});
