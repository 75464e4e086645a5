import { MethodologyDefinition } from '@tanlian/sdk';
import { SHENZHEN_METHODOLOGIES } from '../../src/methodology/seed/shenzhen';

const metro = {
  title: 'metro',
  behaviour: 'metro',
  model: 'per_distance',
  factorMg: 46700,
  factorPer: 1000,
  source: 'test',
  effectiveFrom: '2020-01-01T00:00:00+08:00',
};
const ride = {
  title: 'ride',
  behaviour: 'bus_ride',
  model: 'per_event',
  eventMg: 150000,
  source: 'test',
  effectiveFrom: '2020-01-01T00:00:00+08:00',
};

/** field → reason for each problem zod reports. */
function problems(input: unknown): Record<string, string> {
  const result = MethodologyDefinition.safeParse(input);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]));
}

describe('the definition contract', () => {
  it('accepts every seed, and gives a missing end the explicit null the hash covers', () => {
    for (const seed of SHENZHEN_METHODOLOGIES) expect(problems(seed.definition)).toEqual({});
    expect(MethodologyDefinition.parse(metro).effectiveTo).toBeNull();
  });

  it('refuses fractional, negative and stringly factors, naming the field', () => {
    expect(problems({ ...metro, factorMg: 46.7 })).toEqual({
      factorMg: 'must be a whole number (milligrams CO2e per factorPer metres)',
    });
    expect(problems({ ...metro, factorPer: 0 })).toEqual({ factorPer: 'must be at least 1' });
    expect(problems({ ...metro, factorMg: '46700' })).toEqual({
      factorMg: 'must be a whole number (milligrams CO2e per factorPer metres)',
    });
  });

  it('names the models when the model is unknown, and the fields a model needs', () => {
    expect(problems({ ...metro, model: 'per_hug' })).toEqual({
      model: 'must be one of per_distance, per_unit, per_event, baseline_diff',
    });
    expect(problems({ ...ride, eventMg: undefined })).toEqual({
      eventMg: 'must be a whole number (milligrams CO2e per event)',
    });
  });

  it('refuses fields of another model and unknown fields', () => {
    expect(problems({ ...metro, cityBaselineWh: 3000 })).toEqual({
      '': 'Unrecognized key: "cityBaselineWh"',
    });
    expect(problems({ ...ride, factorMg: 1 })).toEqual({ '': 'Unrecognized key: "factorMg"' });
  });

  it('refuses a window that ends before it starts, and times without an offset', () => {
    expect(problems({ ...metro, effectiveTo: '2020-01-01T00:00:00+08:00' })).toEqual({
      effectiveTo: 'must be after effectiveFrom',
    });
    expect(problems({ ...metro, effectiveFrom: '2020-01-01' })).toEqual({
      effectiveFrom: 'must be an ISO 8601 time with an offset, e.g. 2020-01-01T00:00:00+08:00',
    });
    expect(problems({ ...metro, effectiveFrom: '1999-12-31T23:59:59Z' })).toEqual({
      effectiveFrom: 'must lie between the years 2000 and 2999',
    });
    expect(problems({ ...metro, effectiveFrom: '2020-01-01T00:00:00.0001Z' })).toEqual({
      effectiveFrom: 'must not be more precise than milliseconds',
    });
  });

  it('refuses limits that do not apply to the model, and incoherent limits and caps', () => {
    expect(problems({ ...ride, limits: { maxSpeedKmh: 10, maxUnits: 5 } })).toEqual({
      'limits.maxSpeedKmh': 'applies to the per_distance model only',
      'limits.maxUnits': 'applies to the per_unit and baseline_diff models only',
    });
    expect(problems({ ...metro, limits: { minDurationS: 60, maxDurationS: 59 } })).toEqual({
      'limits.maxDurationS': 'must not be below minDurationS',
    });
    expect(problems({ ...metro, caps: { perDayMg: 2, perMonthMg: 1 } })).toEqual({
      'caps.perMonthMg': 'must not be below perDayMg',
    });
    expect(problems({ ...metro, caps: { perDayEvents: 6, perMonthEvents: 5 } })).toEqual({
      'caps.perMonthEvents': 'must not be below perDayEvents',
    });
  });

  it('accepts caps and limits exactly equal to each other', () => {
    expect(
      problems({
        ...metro,
        caps: { perDayMg: 5, perMonthMg: 5, perDayEvents: 5, perMonthEvents: 5 },
        limits: { minDurationS: 60, maxDurationS: 60 },
      }),
    ).toEqual({});
  });
});
