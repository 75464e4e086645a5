import {
  chinaCycleCutoff,
  chinaDay,
  chinaDayStart,
  chinaDayStartOf,
  chinaIso,
  chinaMonth,
  chinaMonthEnd,
  chinaWeekday,
} from '../../src/time/china-time';

const at = (iso: string) => new Date(iso);

describe('China time (UTC+8, no daylight saving)', () => {
  it('puts an instant in the China day and month it falls in, across a year end', () => {
    expect(chinaDay(at('2025-12-31T15:59:59.999Z'))).toBe('2025-12-31');
    expect(chinaDay(at('2025-12-31T16:00:00.000Z'))).toBe('2026-01-01');
    expect(chinaMonth(at('2025-12-31T15:59:59.999Z'))).toBe('2025-12');
    expect(chinaMonth(Date.parse('2025-12-31T16:00:00Z'))).toBe('2026-01');
  });

  it('keeps the same offset in summer and winter (no DST)', () => {
    expect(chinaDay(at('2026-07-01T15:59:59Z'))).toBe('2026-07-01');
    expect(chinaDay(at('2026-07-01T16:00:00Z'))).toBe('2026-07-02');
    expect(chinaIso(Date.parse('2026-03-29T01:30:00Z'))).toBe('2026-03-29T09:30:00+08:00');
    expect(chinaIso(Date.parse('2026-10-25T01:30:00Z'))).toBe('2026-10-25T09:30:00+08:00');
  });

  it('finds month ends, leap days included, counting months ahead in China time', () => {
    expect(chinaMonthEnd(at('2024-02-10T00:00:00+08:00'))).toBe('2024-02-29');
    expect(chinaMonthEnd(at('2025-02-10T00:00:00+08:00'))).toBe('2025-02-28');
    // 31 Jan 2024 in China (still 30 Jan in UTC at 01:00): 36 months on is Jan 2027.
    expect(chinaMonthEnd(at('2024-01-31T01:00:00+08:00'), 36)).toBe('2027-01-31');
    // A leap day's lot, 12 months on, ends on the 28th.
    expect(chinaMonthEnd(at('2024-02-29T23:30:00+08:00'), 12)).toBe('2025-02-28');
    // The last UTC evening of November is December in China.
    expect(chinaMonthEnd(at('2026-11-30T17:00:00Z'), 36)).toBe('2029-12-31');
    expect(chinaMonthEnd(at('2027-11-15T12:00:00+08:00'), 3)).toBe('2028-02-29');
  });

  it('finds the instant a China day starts, from the day or from any instant in it', () => {
    expect(new Date(chinaDayStart('2026-01-01')).toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(new Date(chinaDayStart('2024-02-29')).toISOString()).toBe('2024-02-28T16:00:00.000Z');
    expect(chinaDayStartOf(at('2025-12-31T16:00:00Z'))).toBe(chinaDayStart('2026-01-01'));
    expect(chinaDayStartOf(at('2026-01-01T15:59:59.999Z'))).toBe(chinaDayStart('2026-01-01'));
    expect(chinaDayStartOf(at('2025-12-31T15:59:59.999Z'))).toBe(chinaDayStart('2025-12-31'));
    expect(() => chinaDayStart('2026-1-1')).toThrow(RangeError);
  });

  it('closes a China day’s cycle at the next China midnight plus the grace (T+1)', () => {
    expect(new Date(chinaCycleCutoff('2024-02-28')).toISOString()).toBe('2024-02-28T16:00:00.000Z');
    expect(new Date(chinaCycleCutoff('2024-02-29', 2 * 3_600_000)).toISOString()).toBe(
      '2024-02-29T18:00:00.000Z',
    );
    expect(new Date(chinaCycleCutoff('2025-12-31')).toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(chinaDay(chinaCycleCutoff('2025-12-31'))).toBe('2026-01-01');
  });

  it('names the China weekday', () => {
    // 2026-03-14 is a Saturday in China; 16:00 UTC the day before is already Saturday there.
    expect(chinaWeekday(at('2026-03-13T16:00:00Z'))).toBe(6);
    expect(chinaWeekday(at('2026-03-13T15:59:59Z'))).toBe(5);
  });

  it('writes whole seconds with the +08:00 offset', () => {
    expect(chinaIso(Date.parse('2026-11-21T00:30:00.999Z'))).toBe('2026-11-21T08:30:00+08:00');
    expect(Date.parse(chinaIso(Date.parse('2026-12-31T16:00:00Z')))).toBe(
      Date.parse('2026-12-31T16:00:00Z'),
    );
  });
});
