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

  it('writes what a reference does (sorted keys, JSON.stringify) for 500 random values', () => {
    // The reference: for integers, strings, booleans and null, JSON.stringify is RFC 8785 once
    // object keys are sorted and undefined members dropped.
    const reference = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reference)
        : v !== null && typeof v === 'object'
          ? Object.fromEntries(
              Object.keys(v)
                .sort()
                .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
                .map((k) => [k, reference((v as Record<string, unknown>)[k])]),
            )
          : v === 0
            ? 0
            : v;
    let seed = 0x7e57;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const strings = [
      '',
      'a',
      'Z',
      '碳联',
      '"q"',
      'back\\slash',
      'tab\t',
      '\u0001',
      '😀',
      'é',
      '\u2028',
    ];
    const value = (depth: number): unknown => {
      switch (depth > 2 ? rand(4) : rand(6)) {
        case 0:
          return strings[rand(strings.length)];
        case 1:
          return [-0, 0, 1, -7, Number.MAX_SAFE_INTEGER][rand(5)];
        case 2:
          return rand(3) === 0 ? null : rand(2) === 0;
        case 3:
          return String(rand(1000));
        case 4:
          return Array.from({ length: rand(4) }, () => value(depth + 1));
        default: {
          const o: Record<string, unknown> = {};
          for (let i = rand(6); i > 0; i--)
            o[strings[rand(strings.length)] + String(rand(3))] =
              rand(8) === 0 ? undefined : value(depth + 1);
          return o;
        }
      }
    };
    for (let i = 0; i < 500; i++) {
      const v = { v: value(0), ['\u00e9k']: value(1), Ab: value(1) };
      expect(canonicalJson(v)).toBe(JSON.stringify(reference(v)));
    }
  });
});
