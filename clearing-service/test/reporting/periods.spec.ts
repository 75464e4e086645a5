import { periodStart, periodsOf } from '../../src/reporting/periods';

describe('periods', () => {
  it('names a week by its Monday, across a month and a year end', () => {
    expect(periodStart('week', '2026-12-02')).toBe('2026-11-30'); // a Wednesday
    expect(periodStart('week', '2026-11-30')).toBe('2026-11-30'); // the Monday itself
    expect(periodStart('week', '2026-11-29')).toBe('2026-11-23'); // a Sunday ends the week before
    expect(periodStart('week', '2027-01-02')).toBe('2026-12-28');
  });

  it('names a month by its first day and a day by itself', () => {
    expect(periodsOf('2026-02-28')).toEqual([
      { kind: 'day', start: '2026-02-28' },
      { kind: 'week', start: '2026-02-23' },
      { kind: 'month', start: '2026-02-01' },
    ]);
  });

  it('refuses what is not a day', () => {
    expect(() => periodStart('day', '2026-2-1')).toThrow(RangeError);
  });
});
