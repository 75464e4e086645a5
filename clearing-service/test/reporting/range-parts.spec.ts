import { rangeParts } from '../../src/reporting/range-parts';

describe('rangeParts', () => {
  it('covers whole months with month rows and the rest with day spans', () => {
    expect(rangeParts('2026-01-15', '2026-04-03')).toEqual({
      months: ['2026-02-01', '2026-03-01'],
      days: [
        ['2026-01-15', '2026-01-31'],
        ['2026-04-01', '2026-04-03'],
      ],
    });
  });

  it('uses days alone inside one month, and months alone for whole ones', () => {
    expect(rangeParts('2026-02-02', '2026-02-27')).toEqual({
      months: [],
      days: [['2026-02-02', '2026-02-27']],
    });
    expect(rangeParts('2025-12-01', '2026-02-28')).toEqual({
      months: ['2025-12-01', '2026-01-01', '2026-02-01'],
      days: [],
    });
  });
});
