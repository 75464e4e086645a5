import { canonicalJson } from '../../src/encoding/canonical-json';

describe('canonicalJson (RFC 8785 subset)', () => {
  it('sorts keys by UTF-16 code units at every depth and drops no content', () => {
    // RFC 8785 §3.2.3 sorting example, restricted to string values.
    const value = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    expect(canonicalJson(value)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('writes no whitespace and nests arrays and objects', () => {
    expect(canonicalJson({ b: [1, { d: true, c: null }], a: '碳' })).toBe(
      '{"a":"碳","b":[1,{"c":null,"d":true}]}',
    );
  });

  it('refuses numbers that are not safe integers', () => {
    expect(() => canonicalJson({ amount: 1.5 })).toThrow(RangeError);
    expect(() => canonicalJson(2 ** 53)).toThrow(RangeError);
  });

  it('skips undefined members like JSON.stringify', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });
});
