import { canonicalJson } from '../../src/methodology/content/canonical-json';
import { contentHashOf } from '../../src/methodology/content/content-hash';
import { MethodologyDefinition } from '@tanlian/sdk';

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

  it('hashes the SZ-METRO seed definition to the value an independent tool gives', () => {
    // Computed with Python: json.dumps(d, sort_keys=True, separators=(',', ':'), ensure_ascii=False),
    // then SHA-256 of its UTF-8 bytes (the same canonical form for ASCII keys and integer values).
    const definition = MethodologyDefinition.parse({
      title: '深圳地铁出行 (Shenzhen metro)',
      behaviour: 'metro',
      model: 'per_distance',
      factorMg: 46700,
      factorPer: 1000,
      caps: { perDayEvents: 5 },
      limits: { maxSpeedKmh: 120 },
      source: 'Shenzhen public-transit carbon-inclusion methodology (2021): metro 46.7 g CO2e/pkm',
      effectiveFrom: '2020-01-01T00:00:00+08:00',
    });
    expect(canonicalJson(definition)).toBe(
      '{"behaviour":"metro","caps":{"perDayEvents":5},"effectiveFrom":"2020-01-01T00:00:00+08:00",' +
        '"effectiveTo":null,"factorMg":46700,"factorPer":1000,"limits":{"maxSpeedKmh":120},' +
        '"model":"per_distance","source":"Shenzhen public-transit carbon-inclusion methodology (2021): metro 46.7 g CO2e/pkm",' +
        '"title":"深圳地铁出行 (Shenzhen metro)"}',
    );
    expect(contentHashOf(definition)).toBe(
      'e776111af43195f504200064bec4ad36eecf588ad6530afd2aecd1683065d44e',
    );
  });
});
