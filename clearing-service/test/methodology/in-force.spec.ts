import { pickInForce, windowsOverlap } from '../../src/methodology/calculation';
import { published } from './fixtures';

const metro = (version: number, effectiveFrom: string, effectiveTo: string | null) =>
  published(
    'SZ-METRO',
    {
      title: 'metro',
      behaviour: 'metro',
      model: 'per_distance',
      factorMg: 46700,
      factorPer: 1000,
      source: 'test',
      effectiveFrom,
      effectiveTo,
    },
    version,
  );

describe('pickInForce', () => {
  const v1 = metro(1, '2020-01-01T00:00:00+08:00', '2021-01-01T00:00:00+08:00');
  const v2 = metro(2, '2021-01-01T00:00:00+08:00', null);
  const all = [v2, v1];

  it('finds the version whose window [from, to) contains the instant', () => {
    expect(pickInForce(all, 'metro', new Date('2020-06-01T00:00:00Z'))).toBe(v1);
    expect(pickInForce(all, 'metro', new Date('2030-06-01T00:00:00Z'))).toBe(v2);
  });

  it('hands over at the boundary: the last millisecond is v1, the boundary itself is v2', () => {
    expect(pickInForce(all, 'metro', new Date('2020-12-31T15:59:59.999Z'))).toBe(v1);
    expect(pickInForce(all, 'metro', new Date('2020-12-31T16:00:00.000Z'))).toBe(v2);
  });

  it('finds nothing before the first window or for another behaviour', () => {
    expect(pickInForce(all, 'metro', new Date('2019-12-31T15:59:59.999Z'))).toBeNull();
    expect(pickInForce(all, 'bus', new Date('2022-01-01T00:00:00Z'))).toBeNull();
  });

  it('answers the same whatever the order of the list', () => {
    const at = new Date('2020-06-01T00:00:00Z');
    expect(pickInForce([v1, v2], 'metro', at)).toBe(pickInForce([v2, v1], 'metro', at));
  });
});

describe('windowsOverlap', () => {
  const w = (from: string, to: string | null) => ({
    effectiveFrom: new Date(from),
    effectiveTo: to === null ? null : new Date(to),
  });

  it('lets windows touch without overlapping', () => {
    expect(windowsOverlap(w('2020-01-01Z', '2021-01-01Z'), w('2021-01-01Z', null))).toBe(false);
    expect(windowsOverlap(w('2021-01-01Z', null), w('2020-01-01Z', '2021-01-01Z'))).toBe(false);
  });

  it('sees a shared millisecond, nesting and two open ends', () => {
    expect(
      windowsOverlap(w('2020-01-01Z', '2021-01-01T00:00:00.001Z'), w('2021-01-01Z', null)),
    ).toBe(true);
    expect(windowsOverlap(w('2020-01-01Z', '2030-01-01Z'), w('2022-01-01Z', '2023-01-01Z'))).toBe(
      true,
    );
    expect(windowsOverlap(w('2020-01-01Z', null), w('2025-01-01Z', null))).toBe(true);
  });
});
