import { PointConversion } from '../../src/crediting/point-conversion';

// The demo program's rule: 10 g CO2e (10 000 mg) per point.
const MG_PER_POINT = 10_000;

it('gives whole points and carries what is not yet worth one: 576 511 mg → 57 points, 6 511 mg kept', () => {
  const conversion = new PointConversion(MG_PER_POINT, []);
  expect(conversion.convert(7, 1, 576_511)).toBe(57);
  expect(conversion.changed()).toEqual([{ residentId: 7, issuerId: 1, remainderMg: 6_511 }]);
});

it('adds the carried remainder to the next reduction, so small trips add up to points', () => {
  const conversion = new PointConversion(MG_PER_POINT, []);
  // Three walks of 4 000 mg: 0 points, 0 points, then 12 000 mg → 1 point with 2 000 mg left.
  expect(conversion.convert(7, 1, 4_000)).toBe(0);
  expect(conversion.convert(7, 1, 4_000)).toBe(0);
  expect(conversion.convert(7, 1, 4_000)).toBe(1);
  expect(conversion.changed()).toEqual([{ residentId: 7, issuerId: 1, remainderMg: 2_000 }]);
});

it('starts from the remainder stored by an earlier batch', () => {
  const conversion = new PointConversion(MG_PER_POINT, [[PointConversion.key(7, 1), 9_999]]);
  expect(conversion.convert(7, 1, 1)).toBe(1);
  expect(conversion.changed()).toEqual([{ residentId: 7, issuerId: 1, remainderMg: 0 }]);
});

it('never loses value: points × rule + remainder is every milligram credited', () => {
  const conversion = new PointConversion(MG_PER_POINT, [[PointConversion.key(7, 1), 3_333]]);
  const reductions = [576_511, 46, 0, 215_200, 9_999, 112_922, 1];
  const points = reductions.reduce((sum, mg) => sum + conversion.convert(7, 1, mg), 0);
  const [{ remainderMg }] = conversion.changed();
  // 3 333 + 576 511 + 46 + 215 200 + 9 999 + 112 922 + 1 = 918 012 mg = 91 points and 8 012 mg.
  expect(points).toBe(91);
  expect(remainderMg).toBe(8_012);
  expect(points * MG_PER_POINT + remainderMg).toBe(3_333 + reductions.reduce((a, b) => a + b));
});

it('keeps one remainder per resident and issuer, so each issuer funds exactly its own points', () => {
  const conversion = new PointConversion(MG_PER_POINT, []);
  // 6 000 mg from each of two operators is 12 000 mg in all, but neither alone is worth a point.
  expect(conversion.convert(7, 1, 6_000)).toBe(0);
  expect(conversion.convert(7, 2, 6_000)).toBe(0);
  // Another resident's remainder does not add to resident 7's either.
  expect(conversion.convert(8, 1, 6_000)).toBe(0);
  expect(conversion.convert(7, 1, 6_000)).toBe(1);
  expect(conversion.changed()).toEqual(
    expect.arrayContaining([
      { residentId: 7, issuerId: 1, remainderMg: 2_000 },
      { residentId: 7, issuerId: 2, remainderMg: 6_000 },
      { residentId: 8, issuerId: 1, remainderMg: 6_000 },
    ]),
  );
  expect(conversion.changed()).toHaveLength(3);
});

it('reports only the remainders this batch changed, not every one it was given', () => {
  const conversion = new PointConversion(MG_PER_POINT, [
    [PointConversion.key(7, 1), 500],
    [PointConversion.key(9, 3), 700],
  ]);
  expect(conversion.convert(7, 1, 25_000)).toBe(2);
  expect(conversion.changed()).toEqual([{ residentId: 7, issuerId: 1, remainderMg: 5_500 }]);
});
