import { calculateReduction } from '../../src/methodology/calculation';
import { published, seed } from './fixtures';

const noHistory = { trailing7DayAvgWh: null };

describe('per_distance', () => {
  it('SZ-METRO: 12345 m × 46700 mg / 1000 m = 576511.5 → 576511 mg', () => {
    expect(calculateReduction(seed('SZ-METRO'), { distanceM: 12345 }, noHistory)).toEqual({
      reductionMg: 576511,
      formula: '12345 m × 46700 mg / 1000 m = 576511 mg (floor)',
      cappedByPerEvent: false,
    });
  });

  it('SZ-EBUS: 8000 m × 26900 mg / 1000 m = 215200 mg exactly', () => {
    expect(calculateReduction(seed('SZ-EBUS'), { distanceM: 8000 }, noHistory).reductionMg).toBe(
      215200,
    );
  });

  it('SZ-BIKE: 3333 m × 33880 mg / 1000 m = 112922.04 → 112922 mg', () => {
    expect(calculateReduction(seed('SZ-BIKE'), { distanceM: 3333 }, noHistory).reductionMg).toBe(
      112922,
    );
  });

  it('floors below one milligram to 0: 1 m × 46700 / 1000 = 46.7 → 46; 0 m → 0', () => {
    expect(calculateReduction(seed('SZ-METRO'), { distanceM: 1 }, noHistory).reductionMg).toBe(46);
    expect(calculateReduction(seed('SZ-METRO'), { distanceM: 0 }, noHistory).reductionMg).toBe(0);
  });
});

describe('per_unit', () => {
  it('WALK: 7777 steps × 29600 mg / 1000 steps = 230199.2 → 230199 mg', () => {
    expect(calculateReduction(seed('WALK'), { units: 7777 }, noHistory)).toEqual({
      reductionMg: 230199,
      formula: '7777 steps × 29600 mg / 1000 steps = 230199 mg (floor)',
      cappedByPerEvent: false,
    });
  });

  it('stays exact where floats would not: 11111657484789 × 570300 / 1000 = 6336978263575166 (a float gives …167)', () => {
    // The product 6336978263575166700 is far above 2^53; BigInt keeps every digit.
    const meter = published('METER', {
      title: 'meter',
      behaviour: 'meter',
      model: 'per_unit',
      unit: 'Wh',
      factorMg: 570300,
      factorPer: 1000,
      source: 'test',
      effectiveFrom: '2020-01-01T00:00:00Z',
    });
    expect(calculateReduction(meter, { units: 11111657484789 }, noHistory).reductionMg).toBe(
      6336978263575166,
    );
  });

  it('refuses a result a JS number cannot hold', () => {
    const huge = published('HUGE', {
      title: 'huge',
      behaviour: 'huge',
      model: 'per_unit',
      unit: 'g',
      factorMg: 1_000_000_000_000,
      factorPer: 1,
      source: 'test',
      effectiveFrom: '2020-01-01T00:00:00Z',
    });
    expect(() => calculateReduction(huge, { units: 10_000 }, noHistory)).toThrow(RangeError);
  });
});

describe('per_event', () => {
  it('WH-BUS-RIDE: 150000 mg per ride, whatever the activity says', () => {
    expect(calculateReduction(seed('WH-BUS-RIDE'), {}, noHistory)).toEqual({
      reductionMg: 150000,
      formula: '1 event × 150000 mg = 150000 mg',
      cappedByPerEvent: false,
    });
    expect(
      calculateReduction(seed('WH-METRO-RIDE'), { distanceM: 99999 }, noHistory).reductionMg,
    ).toBe(170000);
  });
});

describe('baseline_diff (SZ-POWER: 570300 mg / 1000 Wh, city baseline 3000 Wh)', () => {
  const power = seed('SZ-POWER');

  it('uses the lower 7-day average: min(3000, 2600) = 2600; (2600 − 2100) × 570300 / 1000 = 285150 mg', () => {
    expect(calculateReduction(power, { units: 2100 }, { trailing7DayAvgWh: 2600 })).toEqual({
      reductionMg: 285150,
      formula:
        'baseline = min(city 3000 Wh, 7-day average 2600 Wh) = 2600 Wh; max(0, 2600 Wh − 2100 Wh) = 500 Wh; ' +
        '500 Wh × 570300 mg / 1000 Wh = 285150 mg (floor)',
      cappedByPerEvent: false,
    });
  });

  it('uses the city baseline without a 7-day average: (3000 − 2100) × 570300 / 1000 = 513270 mg', () => {
    const r = calculateReduction(power, { units: 2100 }, noHistory);
    expect(r.reductionMg).toBe(513270);
    expect(r.formula).toBe(
      'baseline = city 3000 Wh (no 7-day average); max(0, 3000 Wh − 2100 Wh) = 900 Wh; ' +
        '900 Wh × 570300 mg / 1000 Wh = 513270 mg (floor)',
    );
  });

  it('uses the city baseline when the 7-day average is higher: min(3000, 3500) = 3000 → 513270 mg', () => {
    expect(
      calculateReduction(power, { units: 2100 }, { trailing7DayAvgWh: 3500 }).reductionMg,
    ).toBe(513270);
  });

  it('floors once at the end: (3000 − 2999) × 570300 / 1000 = 570.3 → 570 mg', () => {
    expect(calculateReduction(power, { units: 2999 }, noHistory).reductionMg).toBe(570);
  });

  it('never goes below zero: using more than the baseline earns 0 mg', () => {
    expect(calculateReduction(power, { units: 3200 }, noHistory).reductionMg).toBe(0);
    expect(calculateReduction(power, { units: 3000 }, noHistory).reductionMg).toBe(0);
  });

  it('refuses a malformed 7-day average', () => {
    expect(() => calculateReduction(power, { units: 1 }, { trailing7DayAvgWh: 2.5 })).toThrow(
      RangeError,
    );
  });
});

describe('the per-event cap', () => {
  it('passes a reduction exactly at the cap: 576511 mg under a 576511 mg cap', () => {
    const metro = seed('SZ-METRO', { caps: { perEventMg: 576511 } });
    expect(calculateReduction(metro, { distanceM: 12345 }, noHistory)).toEqual({
      reductionMg: 576511,
      formula: '12345 m × 46700 mg / 1000 m = 576511 mg (floor)',
      cappedByPerEvent: false,
    });
  });

  it('holds a reduction one milligram over the cap to the cap', () => {
    const metro = seed('SZ-METRO', { caps: { perEventMg: 576510 } });
    expect(calculateReduction(metro, { distanceM: 12345 }, noHistory)).toEqual({
      reductionMg: 576510,
      formula: '12345 m × 46700 mg / 1000 m = 576511 mg (floor), capped at 576510 mg per event',
      cappedByPerEvent: true,
    });
  });

  it('caps per_event and baseline_diff too', () => {
    const ride = seed('WH-BUS-RIDE', { caps: { perEventMg: 100000 } });
    expect(calculateReduction(ride, {}, noHistory).reductionMg).toBe(100000);
    const power = seed('SZ-POWER', { caps: { perEventMg: 500000 } });
    expect(calculateReduction(power, { units: 2100 }, noHistory)).toMatchObject({
      reductionMg: 500000,
      cappedByPerEvent: true,
    });
  });
});

describe('missing quantities', () => {
  it('throws when the quantity the model reads is missing or malformed (check plausibility first)', () => {
    expect(() => calculateReduction(seed('SZ-METRO'), {}, noHistory)).toThrow(
      'SZ-METRO@1 needs distanceM as a non-negative whole number, got undefined',
    );
    expect(() => calculateReduction(seed('WALK'), { units: -1 }, noHistory)).toThrow(RangeError);
    expect(() => calculateReduction(seed('SZ-POWER'), { units: 1.5 }, noHistory)).toThrow(
      RangeError,
    );
  });
});
