import type { MethodologyDefinitionInput } from '@tanlian/sdk';

export interface SeedMethodology {
  code: string;
  definition: MethodologyDefinitionInput;
}

// Shenzhen's scheme runs on Beijing time; every seed is in force from 2020-01-01 with no end.
const SINCE = '2020-01-01T00:00:00+08:00';

/**
 * The published factors the demo program and the tests start from. Factors are integers:
 * "46.7 g per passenger-km" is written 46700 mg per 1000 m.
 */
export const SHENZHEN_METHODOLOGIES: SeedMethodology[] = [
  {
    code: 'SZ-EBUS',
    definition: {
      title: '深圳纯电动公交出行 (Shenzhen e-bus)',
      behaviour: 'bus',
      model: 'per_distance',
      // 26.9 g CO2e per passenger-km.
      factorMg: 26_900,
      factorPer: 1_000,
      limits: { maxSpeedKmh: 80 },
      source: 'Shenzhen public-transit carbon-inclusion methodology (2021): e-bus 26.9 g CO2e/pkm',
      effectiveFrom: SINCE,
      effectiveTo: null,
    },
  },
  {
    code: 'SZ-METRO',
    definition: {
      title: '深圳地铁出行 (Shenzhen metro)',
      behaviour: 'metro',
      model: 'per_distance',
      // 46.7 g CO2e per passenger-km.
      factorMg: 46_700,
      factorPer: 1_000,
      // Ant Forest-style: at most 5 metro rides a day earn.
      caps: { perDayEvents: 5 },
      limits: { maxSpeedKmh: 120 },
      source: 'Shenzhen public-transit carbon-inclusion methodology (2021): metro 46.7 g CO2e/pkm',
      effectiveFrom: SINCE,
      effectiveTo: null,
    },
  },
  {
    code: 'SZ-BIKE',
    definition: {
      title: '共享单车骑行 (shared bike)',
      behaviour: 'bike',
      model: 'per_distance',
      // 33.88 g CO2e per passenger-km.
      factorMg: 33_880,
      factorPer: 1_000,
      limits: { maxSpeedKmh: 35 },
      source: 'Shared-bike operator standard: 33.88 g CO2e/pkm',
      effectiveFrom: SINCE,
      effectiveTo: null,
    },
  },
  {
    code: 'WH-BUS-RIDE',
    definition: {
      title: '公交乘车 每次 (bus ride, Wuhan constant)',
      behaviour: 'bus_ride',
      model: 'per_event',
      // 150 g CO2e per ride, whatever its length.
      eventMg: 150_000,
      source: 'Wuhan carbon-inclusion per-ride constant: bus 150 g CO2e per ride',
      effectiveFrom: SINCE,
      effectiveTo: null,
    },
  },
  {
    code: 'WH-METRO-RIDE',
    definition: {
      title: '地铁乘车 每次 (metro ride, Wuhan constant)',
      behaviour: 'metro_ride',
      model: 'per_event',
      // 170 g CO2e per ride, whatever its length.
      eventMg: 170_000,
      source: 'Wuhan carbon-inclusion per-ride constant: metro 170 g CO2e per ride',
      effectiveFrom: SINCE,
      effectiveTo: null,
    },
  },
  {
    code: 'WALK',
    definition: {
      title: '步行 (walking)',
      behaviour: 'walk',
      model: 'per_unit',
      unit: 'steps',
      // 29.6 g per 1000 steps, so 10,000 steps reach the day's cap of 296 g.
      factorMg: 29_600,
      factorPer: 1_000,
      caps: { perDayMg: 296_000 },
      limits: { maxUnits: 100_000 },
      source: 'Ant Forest-style walking: at most 296 g CO2e a day, reached at 10,000 steps',
      effectiveFrom: SINCE,
      effectiveTo: null,
    },
  },
  {
    code: 'SZ-POWER',
    definition: {
      title: '家庭节约用电 (household electricity saving)',
      behaviour: 'electricity',
      model: 'baseline_diff',
      // 570.3 g CO2e per kWh = 570300 mg per 1000 Wh.
      factorMg: 570_300,
      factorPer: 1_000,
      // A demonstration baseline of 3 kWh per resident per day, not an official figure.
      cityBaselineWh: 3_000,
      limits: { maxUnits: 100_000 },
      source:
        'China national grid average emission factor for 2022, 0.5703 t CO2/MWh (Ministry of Ecology and Environment); city baseline 3 kWh/day is a demo value',
      effectiveFrom: SINCE,
      effectiveTo: null,
    },
  },
];
