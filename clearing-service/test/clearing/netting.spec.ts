// The cycle's arithmetic: fen per merchant × issuer once from the pair's points, carries so that
// no fen is lost across cycles, fees as their own lines, net positions summing to zero, one
// instruction per participant whose net is not zero.
import fc from 'fast-check';
import { net, pairKey, type Obligation } from '../../src/clearing/netting/netting';

const b = BigInt;
const ob = (merchant: string, issuer: string, points: number): Obligation => ({
  merchant,
  issuer,
  points: b(points),
});

it('converts each pair once at a whole rate, and nets merchants against issuers', () => {
  const result = net({
    obligations: [
      ob('cafe', 'metro', 300),
      ob('cafe', 'bus', 50),
      ob('books', 'metro', 120),
      ob('cafe', 'metro', -20), // a refund
    ],
    rate: { num: b(1), den: b(1) },
  });
  expect(result.lines.map((l) => [l.merchant, l.issuer, l.points, l.grossFen])).toEqual([
    ['books', 'metro', b(120), b(120)],
    ['cafe', 'bus', b(50), b(50)],
    ['cafe', 'metro', b(280), b(280)],
  ]);
  expect(Object.fromEntries(result.positions)).toEqual({
    books: b(120),
    cafe: b(330),
    metro: b(-400),
    bus: b(-50),
  });
  expect(result.instructions).toEqual([
    { participant: 'books', direction: 'RECEIVE', amountFen: b(120) },
    { participant: 'bus', direction: 'PAY', amountFen: b(50) },
    { participant: 'cafe', direction: 'RECEIVE', amountFen: b(330) },
    { participant: 'metro', direction: 'PAY', amountFen: b(400) },
  ]);
});

it('carries a fractional rate’s remainder per pair into the next cycle', () => {
  const rate = { num: b(1), den: b(3) }; // a third of a fen per point
  const first = net({ obligations: [ob('cafe', 'metro', 10)], rate });
  expect(first.lines[0]).toMatchObject({ grossFen: b(3), carryOut: b(1) });
  const second = net({
    obligations: [ob('cafe', 'metro', 5)],
    rate,
    carryIn: new Map([[pairKey('cafe', 'metro'), first.lines[0].carryOut]]),
  });
  // 5 points + the carried third: 6 thirds = 2 fen, nothing left over; 15 points = 5 fen in all.
  expect(second.lines[0]).toMatchObject({ grossFen: b(2), carryIn: b(1), carryOut: b(0) });
});

it('takes a fee from what merchants receive, as a line of its own for the platform', () => {
  const result = net({
    obligations: [ob('cafe', 'metro', 10_000), ob('books', 'metro', -100)],
    rate: { num: b(1), den: b(1) },
    merchantFeeBps: b(60),
  });
  expect(result.lines.find((l) => l.merchant === 'cafe')?.feeFen).toBe(b(60));
  expect(result.lines.find((l) => l.merchant === 'books')?.feeFen).toBe(b(0));
  expect(Object.fromEntries(result.positions)).toEqual({
    cafe: b(9_940),
    books: b(-100),
    metro: b(-9_900),
    platform: b(60),
  });
});

it('an empty cycle nets to nothing and instructs no one', () => {
  expect(net({ obligations: [], rate: { num: b(1), den: b(1) } })).toEqual({
    lines: [],
    positions: new Map(),
    instructions: [],
  });
});

it('by property: positions sum to zero, pays equal receipts, and no fen is lost across cycles', () => {
  const merchants = ['m1', 'm2', 'm3'];
  const issuers = ['i1', 'i2'];
  const arbCycle = fc.array(
    fc.record({
      merchant: fc.constantFrom(...merchants),
      issuer: fc.constantFrom(...issuers),
      points: fc.integer({ min: -500, max: 5_000 }).map(b),
    }),
    { maxLength: 12 },
  );
  fc.assert(
    fc.property(
      fc.array(arbCycle, { minLength: 1, maxLength: 5 }),
      fc.integer({ min: 1, max: 7 }),
      fc.integer({ min: 1, max: 9 }),
      fc.integer({ min: 0, max: 300 }),
      (cycles, num, den, fee) => {
        const rate = { num: b(num), den: b(den) };
        let carry = new Map<string, bigint>();
        const fenByPair = new Map<string, bigint>();
        const pointsByPair = new Map<string, bigint>();
        for (const obligations of cycles) {
          const result = net({ obligations, rate, carryIn: carry, merchantFeeBps: b(fee) });
          let sum = b(0);
          for (const fen of result.positions.values()) sum += fen;
          if (sum !== b(0)) return false;
          const pay = result.instructions.filter((i) => i.direction === 'PAY');
          const receive = result.instructions.filter((i) => i.direction === 'RECEIVE');
          const total = (xs: typeof pay) => xs.reduce((s, i) => s + i.amountFen, b(0));
          if (total(pay) !== total(receive)) return false;
          carry = new Map(carry);
          for (const l of result.lines) {
            if (l.carryOut < b(0) || l.carryOut >= rate.den) return false;
            const key = pairKey(l.merchant, l.issuer);
            carry.set(key, l.carryOut);
            fenByPair.set(key, (fenByPair.get(key) ?? b(0)) + l.grossFen);
            pointsByPair.set(key, (pointsByPair.get(key) ?? b(0)) + l.points);
          }
        }
        // Over all cycles each pair was paid its points' fen exactly, up to the carry left.
        for (const [key, points] of pointsByPair) {
          const owed = points * rate.num;
          if (fenByPair.get(key)! * rate.den + (carry.get(key) ?? b(0)) !== owed) return false;
        }
        return true;
      },
    ),
  );
});
