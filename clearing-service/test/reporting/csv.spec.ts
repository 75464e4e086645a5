import { toCsv } from '../../src/reporting/csv';

describe('toCsv', () => {
  it('writes a header and quotes fields with commas or quotes', () => {
    expect(toCsv([{ key: '440305', note: 'a, "b"' }], ['key', 'note'])).toBe(
      'key,note\r\n440305,"a, ""b"""\r\n',
    );
  });
});
