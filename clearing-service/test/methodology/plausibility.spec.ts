import { checkPlausibility } from '../../src/methodology/calculation';
import { seed } from './fixtures';

describe('speed (SZ-BIKE: at most 35 km/h)', () => {
  const bike = seed('SZ-BIKE');

  it('passes exactly 35 km/h: 35000 m in 3600 s', () => {
    expect(checkPlausibility(bike, { distanceM: 35000, durationS: 3600 })).toEqual({ ok: true });
  });

  it('refuses one metre more: 35001 m in 3600 s is 35.01 km/h (rounded up)', () => {
    expect(checkPlausibility(bike, { distanceM: 35001, durationS: 3600 })).toEqual({
      ok: false,
      reason: 'implausible_speed',
      message: 'SZ-BIKE@1: 35001 m in 3600 s is 35.01 km/h, above the 35 km/h limit',
    });
  });

  it('refuses a 40 km ride in an hour, and any distance in no time', () => {
    expect(checkPlausibility(bike, { distanceM: 40000, durationS: 3600 })).toMatchObject({
      ok: false,
      reason: 'implausible_speed',
      message: 'SZ-BIKE@1: 40000 m in 3600 s is 40.00 km/h, above the 35 km/h limit',
    });
    expect(checkPlausibility(bike, { distanceM: 10, durationS: 0 })).toMatchObject({
      reason: 'implausible_speed',
    });
    expect(checkPlausibility(bike, { distanceM: 0, durationS: 0 })).toEqual({ ok: true });
  });

  it('refuses a 40 km "walk" in an hour under a walking speed limit', () => {
    const walk = seed('SZ-BIKE', { behaviour: 'walk_distance', limits: { maxSpeedKmh: 7 } });
    expect(checkPlausibility(walk, { distanceM: 40000, durationS: 3600 })).toMatchObject({
      ok: false,
      reason: 'implausible_speed',
    });
  });

  it('needs a duration to check a speed', () => {
    expect(checkPlausibility(bike, { distanceM: 1000 })).toEqual({
      ok: false,
      reason: 'missing_duration',
      message: 'SZ-BIKE@1: durationS (seconds) is needed to check the limits',
    });
  });
});

describe('distance, units and duration limits (each inclusive)', () => {
  const ride = seed('SZ-EBUS', {
    limits: { maxDistanceM: 50000, minDurationS: 60, maxDurationS: 7200 },
  });

  it('maxDistanceM 50000: 50000 m passes, 50001 m is too far', () => {
    expect(checkPlausibility(ride, { distanceM: 50000, durationS: 3600 })).toEqual({ ok: true });
    expect(checkPlausibility(ride, { distanceM: 50001, durationS: 3600 })).toEqual({
      ok: false,
      reason: 'too_far',
      message: 'SZ-EBUS@1: 50001 m is above the maximum of 50000 m',
    });
  });

  it('minDurationS 60: 60 s passes, 59 s is too short', () => {
    expect(checkPlausibility(ride, { distanceM: 100, durationS: 60 })).toEqual({ ok: true });
    expect(checkPlausibility(ride, { distanceM: 100, durationS: 59 })).toEqual({
      ok: false,
      reason: 'too_short',
      message: 'SZ-EBUS@1: 59 s is below the minimum of 60 s',
    });
  });

  it('maxDurationS 7200: 7200 s passes, 7201 s is too long', () => {
    expect(checkPlausibility(ride, { distanceM: 100, durationS: 7200 })).toEqual({ ok: true });
    expect(checkPlausibility(ride, { distanceM: 100, durationS: 7201 })).toEqual({
      ok: false,
      reason: 'too_long',
      message: 'SZ-EBUS@1: 7201 s is above the maximum of 7200 s',
    });
  });

  it('WALK maxUnits 100000: 100000 steps pass, 100001 are too many', () => {
    expect(checkPlausibility(seed('WALK'), { units: 100000 })).toEqual({ ok: true });
    expect(checkPlausibility(seed('WALK'), { units: 100001 })).toEqual({
      ok: false,
      reason: 'too_many_units',
      message: 'WALK@1: 100001 steps is above the maximum of 100000',
    });
  });

  it('SZ-POWER maxUnits 100000 Wh: 100001 Wh is too many', () => {
    expect(checkPlausibility(seed('SZ-POWER'), { units: 100001 })).toMatchObject({
      reason: 'too_many_units',
      message: 'SZ-POWER@1: 100001 Wh is above the maximum of 100000',
    });
  });
});

describe('the activity itself', () => {
  it('needs the quantity its model reads', () => {
    expect(checkPlausibility(seed('SZ-METRO'), { durationS: 600 })).toEqual({
      ok: false,
      reason: 'missing_quantity',
      message: 'SZ-METRO@1: per_distance needs distanceM (metres)',
    });
    expect(checkPlausibility(seed('WALK'), {})).toMatchObject({ reason: 'missing_quantity' });
    expect(checkPlausibility(seed('SZ-POWER'), {})).toMatchObject({ reason: 'missing_quantity' });
  });

  it('refuses fractions, negatives and unsafe integers', () => {
    expect(checkPlausibility(seed('WALK'), { units: 1.5 })).toEqual({
      ok: false,
      reason: 'invalid_activity',
      message: 'WALK@1: units 1.5 is not a non-negative whole number',
    });
    expect(checkPlausibility(seed('SZ-METRO'), { distanceM: -1, durationS: 60 })).toMatchObject({
      reason: 'invalid_activity',
    });
    expect(checkPlausibility(seed('WALK'), { units: 2 ** 53 })).toMatchObject({
      reason: 'invalid_activity',
    });
  });

  it('asks nothing of a per_event activity without limits', () => {
    expect(checkPlausibility(seed('WH-METRO-RIDE'), {})).toEqual({ ok: true });
  });
});
