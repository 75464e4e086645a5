import { describe, expect, it } from 'vitest';
import {
  chartQuery,
  chinaToday,
  defaultRange,
  districtOfBar,
  formatMg,
  periodBarRange,
  rankedDistrictOption,
  total,
} from './dashboard-charts';

describe('dashboard charts', () => {
  it('ranks districts largest on top and keeps none as its label', () => {
    const option = rankedDistrictOption(
      [
        { key: '440305', reductionMg: '2000000' },
        { key: 'none', reductionMg: '500000' },
        { key: '440306', reductionMg: '9000000' },
      ],
      '未标注',
    );
    expect((option.yAxis as { data: string[] }).data).toEqual(['未标注', '440305', '440306']);
    expect((option.series as { data: number[] }[])[0].data).toEqual([0.5, 2, 9]);
    expect(districtOfBar('未标注', '未标注')).toBe('none');
    expect(districtOfBar('440305', '未标注')).toBe('440305');
  });

  it('formats mg CO2e as g, kg or t without floating the integer', () => {
    expect(formatMg('373600')).toBe('373.6 g');
    expect(formatMg('2500000')).toBe('2.5 kg');
    expect(formatMg('12345678901')).toBe('12.3 t');
    expect(total(['9007199254740993', '1'])).toBe('9007199254740994');
  });

  it('takes today as a China day, not the browser’s', () => {
    expect(chinaToday(new Date('2026-12-02T18:10:00Z'))).toBe('2026-12-03');
    expect(chinaToday(new Date('2026-12-02T15:59:59Z'))).toBe('2026-12-02');
  });

  it('builds the query from the controls, leaving empty filters out', () => {
    expect(
      chartQuery({
        from: '2026-11-01',
        to: '2026-11-30',
        period: 'week',
        behaviour: ' ',
        district: '440305',
      }),
    ).toEqual({ from: '2026-11-01', to: '2026-11-30', period: 'week', district: '440305' });
    expect(defaultRange('2026-12-02')).toEqual({ from: '2026-11-03', to: '2026-12-02' });
  });

  it("gives a period bar's days for its drill-down", () => {
    expect(periodBarRange('week', '2026-11-30')).toEqual({ from: '2026-11-30', to: '2026-12-06' });
    expect(periodBarRange('month', '2026-02-01')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(periodBarRange('day', '2026-02-03')).toEqual({ from: '2026-02-03', to: '2026-02-03' });
  });
});
