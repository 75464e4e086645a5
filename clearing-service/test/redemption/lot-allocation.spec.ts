// The pure core of holds, captures and refunds, by example and by property (fast-check): a hold
// never takes more than a lot has, spends oldest expiry first, captures and releases add up to the
// hold, refunds never exceed the capture and go back newest expiry first.
import fc from 'fast-check';
import {
  allocateHold,
  allocateRefund,
  splitCapture,
  sum,
  type Allocation,
  type Lot,
} from '../../src/redemption/allocation/lot-allocation';

const lot = (lotId: number, issuer: string, expiresOn: string, available: number): Lot => ({
  lotId,
  issuer,
  expiresOn,
  available,
});
const lots = [
  lot(1, 'metro', '2029-12-31', 30),
  lot(2, 'bus', '2028-06-30', 10),
  lot(3, 'bike', '2028-06-30', 5),
  lot(4, 'metro', '2030-01-31', 100),
];
const bike = { lotId: 3, issuer: 'bike', expiresOn: '2028-06-30' };
const bus = { lotId: 2, issuer: 'bus', expiresOn: '2028-06-30' };
const metro = { lotId: 1, issuer: 'metro', expiresOn: '2029-12-31' };
const metroLater = { lotId: 4, issuer: 'metro', expiresOn: '2030-01-31' };

describe('a hold', () => {
  it('takes the lots that expire first, across issuers, ties by issuer', () => {
    expect(allocateHold(lots, 20)).toEqual({
      ok: true,
      allocations: [
        { ...bike, points: 5 },
        { ...bus, points: 10 },
        { ...metro, points: 5 },
      ],
    });
  });

  it('takes only the accepted issuers, and says how much they hold when it is not enough', () => {
    expect(allocateHold(lots, 130, new Set(['metro']))).toEqual({
      ok: true,
      allocations: [
        { ...metro, points: 30 },
        { ...metroLater, points: 100 },
      ],
    });
    expect(allocateHold(lots, 131, new Set(['metro']))).toEqual({ ok: false, available: 130 });
    expect(allocateHold(lots, 146)).toEqual({ ok: false, available: 145 });
  });

  it('refuses points that are not a whole number of at least 1', () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => allocateHold(lots, bad)).toThrow();
  });
});

describe('a capture', () => {
  const held: Allocation[] = [
    { ...bike, points: 5 },
    { ...bus, points: 10 },
    { ...metro, points: 5 },
  ];

  it('consumes the oldest allocations first and gives the rest back to their own lots', () => {
    expect(splitCapture(held, 12)).toEqual({
      captured: [
        { ...bike, points: 5 },
        { ...bus, points: 7 },
      ],
      released: [
        { ...bus, points: 3 },
        { ...metro, points: 5 },
      ],
    });
    expect(splitCapture(held, 0)).toEqual({ captured: [], released: held });
  });

  it('never takes more than the hold', () => {
    expect(() => splitCapture(held, 21)).toThrow(/cannot capture 21 of a hold of 20/);
  });
});

describe('a refund', () => {
  const captured: Allocation[] = [
    { ...bike, points: 5 },
    { ...bus, points: 7 },
    { ...metro, points: 5 },
  ];

  it('goes back newest expiry first to the lots the capture took, across refunds', () => {
    const first = allocateRefund(captured, [], 8);
    expect(first).toEqual({
      ok: true,
      allocations: [
        { ...metro, points: 5 },
        { ...bus, points: 3 },
      ],
    });
    const second = allocateRefund(captured, first.ok ? first.allocations : [], 9);
    expect(second).toEqual({
      ok: true,
      allocations: [
        { ...bus, points: 4 },
        { ...bike, points: 5 },
      ],
    });
    const all = [...(first.ok ? first.allocations : []), ...(second.ok ? second.allocations : [])];
    expect(allocateRefund(captured, all, 1)).toEqual({ ok: false, available: 0 });
  });
});

describe('by property', () => {
  const arbLots = fc
    .array(
      fc.record({
        issuer: fc.constantFrom('metro', 'bus', 'bike'),
        expiresOn: fc.constantFrom('2027-01-31', '2028-06-30', '2029-12-31'),
        available: fc.integer({ min: 0, max: 50 }),
      }),
      { maxLength: 8 },
    )
    .map((ls) => ls.map((l, i) => ({ ...l, lotId: i + 1 })));

  it('a hold takes exactly the points from lots that have them, oldest expiry first', () => {
    fc.assert(
      fc.property(arbLots, fc.integer({ min: 1, max: 400 }), (ls, points) => {
        const total = ls.reduce((s, l) => s + l.available, 0);
        const result = allocateHold(ls, points);
        if (!result.ok) return points > total && result.available === total;
        const taken = result.allocations;
        if (sum(taken) !== points) return false;
        for (const a of taken) {
          const from = ls.find((l) => l.lotId === a.lotId)!;
          if (a.points < 1 || a.points > from.available) return false;
        }
        // Every lot that expires strictly before the last one used is used up.
        const last = taken[taken.length - 1].expiresOn;
        return ls
          .filter((l) => l.expiresOn < last && l.available > 0)
          .every((l) => taken.find((a) => a.lotId === l.lotId)?.points === l.available);
      }),
    );
  });

  it('a capture and its release add up to the hold, lot by lot; refunds never exceed the capture', () => {
    fc.assert(
      fc.property(
        arbLots,
        fc.integer({ min: 1, max: 200 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.array(fc.integer({ min: 1, max: 60 }), { maxLength: 6 }),
        (ls, points, share, refunds) => {
          const hold = allocateHold(ls, points);
          if (!hold.ok) return true;
          const capture = Math.floor(points * share);
          const { captured, released } = splitCapture(hold.allocations, capture);
          if (sum(captured) !== capture || sum(captured) + sum(released) !== points) return false;
          for (const a of hold.allocations) {
            const back = [...captured, ...released]
              .filter((x) => x.lotId === a.lotId)
              .reduce((s, x) => s + x.points, 0);
            if (back !== a.points) return false;
          }
          const given: Allocation[] = [];
          for (const r of refunds) {
            const refund = allocateRefund(captured, given, r);
            if (refund.ok) given.push(...refund.allocations);
            else if (sum(given) + r <= capture) return false;
          }
          return (
            sum(given) <= capture &&
            captured.every(
              (c) =>
                given.filter((g) => g.lotId === c.lotId).reduce((s, g) => s + g.points, 0) <=
                c.points,
            )
          );
        },
      ),
    );
  });
});
