import { setLocale } from '../../src/locales';
import {
  addIntegers,
  formatMass,
  formatPoints,
  formatReduction,
  subtractFloor,
} from '../../src/format/amounts';
import { formatFormula } from '../../src/format/formula';
import { growthOf, growthRule } from '../../src/format/growth';
import { statusReason } from '../../src/format/record-status';

describe('grams of CO₂e', () => {
  test.each([
    ['0', '0 克'],
    ['999', '0.9 克'],
    ['330870', '330.8 克'],
    ['1000000', '1 千克'],
    ['1234567', '1.23 千克'],
    ['999999999', '999.99 千克'],
    ['1500000000', '1.5 吨'],
    ['123456789012345678901', '123,456,789,012.34 吨'],
    ['-2500', '−2.5 克'],
  ])('%s mg reads %s', (mg, shown) => {
    expect(formatMass(mg)).toBe(shown);
  });

  test('with CO₂e, and in English', () => {
    expect(formatReduction('2000000')).toBe('2 千克 CO₂e');
    setLocale('en');
    expect(formatReduction('2000000')).toBe('2 kg CO₂e');
  });

  test('refuses what is not an integer string', () => {
    expect(() => formatMass('1.5')).toThrow(RangeError);
    expect(() => formatMass('')).toThrow(RangeError);
  });
});

describe('points', () => {
  test('thousands separators, exactly, beyond 2^53', () => {
    expect(formatPoints('0')).toBe('0');
    expect(formatPoints('1234')).toBe('1,234');
    expect(formatPoints('9007199254740993')).toBe('9,007,199,254,740,993');
    expect(formatPoints('-50')).toBe('−50');
  });
  test('sums and headroom without BigInt', () => {
    expect(addIntegers('9007199254740993', '7')).toBe('9007199254741000');
    expect(subtractFloor('296000', '100500')).toBe('195500');
    expect(subtractFloor('100', '250')).toBe('0');
  });
});

describe('formulas', () => {
  test('per distance: milligrams shown as grams, the rounding in words', () => {
    expect(formatFormula('12300 m × 26900 mg / 1000 m = 330870 mg (floor)')).toBe(
      '12300 m × 26.9 克/1000 m = 330.8 克（向下取整）',
    );
  });
  test('per event, capped', () => {
    expect(formatFormula('1 event × 5000 mg = 5000 mg, capped at 3000 mg per event')).toBe(
      '1 次 × 5 克 = 5 克, 上限 3 克 每次',
    );
  });
  test('in English', () => {
    setLocale('en');
    expect(formatFormula('4000 m × 40000 mg / 1000 m = 160000 mg (floor)')).toBe(
      '4000 m × 40 g/1000 m = 160 g (rounded down)',
    );
  });
});

describe('status in plain words', () => {
  test('capped names the cap; overlapping the trip; pending_binding says what to do', () => {
    expect(statusReason('capped', 'daily cap of 296 g for walking reached', null)).toBe(
      '已达上限：daily cap of 296 g for walking reached',
    );
    expect(statusReason('overlapping', 'overlaps event bus-17', null)).toContain('bus-17');
    expect(statusReason('pending_binding', null, null)).toContain('去「我的」扫码绑定');
    expect(statusReason('credited', null, 'unfunded')).toBe('积分等待发放方充值后到账');
    expect(statusReason('credited', null, 'credited')).toBeNull();
  });
});

describe('growth from the total reduction', () => {
  test('levels and what is left to the next', () => {
    expect(growthOf('0')).toMatchObject({
      level: 1,
      name: '萌芽',
      next: { name: '青苗', leftMg: '1000000' },
    });
    const g = growthOf('15000000');
    expect(g).toMatchObject({ level: 3, name: '小树', next: { name: '林荫', leftMg: '35000000' } });
    expect(g.progress).toBeCloseTo(0.125);
    expect(growthOf('5000000000')).toMatchObject({ level: 6, next: null, progress: 1 });
  });
  test('the rule is stated', () => {
    expect(growthRule()).toBe(
      '等级只看累计减排量（不看积分）：萌芽 0 克 · 青苗 1 千克 · 小树 10 千克 · 林荫 50 千克 · 森林 200 千克 · 碳汇之城 1 吨',
    );
  });
});
