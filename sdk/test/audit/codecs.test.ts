// The small pure helpers that replace Buffer/TextEncoder/BigInt in the mini-program.
import fc from 'fast-check';
import * as bits from '../../src/audit/bits';

describe('53-bit bit operations', () => {
  const big = (x: number): bigint => BigInt(x);
  const safe = fc.oneof(
    fc.integer({ min: 0, max: 2 ** 32 + 5 }),
    fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  );

  test('agree with BigInt arithmetic', () => {
    fc.assert(
      fc.property(safe, safe, fc.integer({ min: 0, max: 53 }), (a, b, n) => {
        expect(bits.bitLength(a)).toBe(a === 0 ? 0 : a.toString(2).length);
        expect(bits.onesCount(a)).toBe([...a.toString(2)].filter((c) => c === '1').length);
        expect(bits.xor(a, b)).toBe(Number(big(a) ^ big(b)));
        expect(bits.shiftRight(a, n)).toBe(Number(big(a) >> big(n)));
        expect(bits.bitAt(a, n)).toBe(Number((big(a) >> big(n)) & 1n));
        if (a > 0) {
          const s = a.toString(2);
          expect(bits.trailingZeros(a)).toBe(s.length - 1 - s.lastIndexOf('1'));
        }
        if (a >= 2) {
          const k = bits.splitPoint(a);
          expect(k < a && 2 * k >= a && bits.isPowerOfTwo(k)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  test('edge values', () => {
    expect(bits.bitLength(2 ** 32)).toBe(33);
    expect(bits.bitLength(2 ** 32 - 1)).toBe(32);
    expect(bits.trailingZeros(2 ** 40)).toBe(40);
    expect(bits.splitPoint(2 ** 33 + 1)).toBe(2 ** 33);
    expect(bits.isTreeSize(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(bits.isTreeSize(2 ** 53)).toBe(false);
    expect(bits.isTreeSize(-1)).toBe(false);
    expect(bits.isTreeSize(1.5)).toBe(false);
  });
});
