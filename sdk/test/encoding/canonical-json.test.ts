import { canonicalJson } from '../../src/encoding/canonical-json';

describe('canonical JSON (RFC 8785, integers only)', () => {
  it('sorts keys by UTF-16 code units (the RFC 8785 §3.2.3 example)', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    // Compared as text: re-parsing would let JavaScript move the integer-like key "1" first.
    const expected = ['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33']
      .map((key) => `${JSON.stringify(key)}:${JSON.stringify(input[key as keyof typeof input])}`)
      .join(',');
    expect(canonicalJson(input)).toBe(`{${expected}}`);
  });

  it('writes no whitespace, sorts nested objects, keeps array order', () => {
    expect(canonicalJson({ b: [3, 1, { z: null, a: true }], a: 'x', c: false })).toBe(
      '{"a":"x","b":[3,1,{"a":true,"z":null}],"c":false}',
    );
  });

  it('escapes strings as RFC 8785 does and leaves other characters raw', () => {
    expect(canonicalJson(['\n', '\u000f', '"\\', 'é', '深圳', '\u2028'])).toBe(
      '["\\n","\\u000f","\\"\\\\","é","深圳","\u2028"]',
    );
  });

  it('prints -0 as 0 and leaves undefined members out', () => {
    expect(canonicalJson({ a: -0, b: undefined })).toBe('{"a":0}');
  });

  it.each([
    ['a fraction', 1.5],
    ['NaN', NaN],
    ['infinity', Infinity],
    ['an unsafe integer', 2 ** 53],
  ])('refuses %s', (_, n) => {
    expect(() => canonicalJson({ factor: n })).toThrow(/\$\.factor: .* not a safe integer/);
  });

  it('refuses lone surrogates, undefined in arrays, and non-plain objects', () => {
    expect(() => canonicalJson('\ud800')).toThrow(/lone surrogate/);
    expect(() => canonicalJson([undefined])).toThrow(/no JSON form/);
    expect(() => canonicalJson({ at: new Date(0) })).toThrow(/plain objects/);
    expect(() => canonicalJson({ n: BigInt(1) })).toThrow(/no JSON form/);
  });
});
