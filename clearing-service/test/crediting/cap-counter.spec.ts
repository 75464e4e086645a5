import type { PublishedMethodology } from '../../src/methodology/calculation';
import { CapCounter } from '../../src/crediting/cap-counter';

function methodology(caps: object | undefined): PublishedMethodology {
  return {
    id: 1,
    programId: 1,
    code: 'TEST',
    version: 1,
    behaviour: 'metro',
    model: 'per_event',
    definition: { caps } as unknown as PublishedMethodology['definition'],
    contentHash: 'x',
    effectiveFrom: new Date(0),
    effectiveTo: null,
  };
}

// 2026-11-10 and 2026-11-11 at noon in China time (UTC+8).
const DAY1 = new Date('2026-11-10T04:00:00Z');
const DAY2 = new Date('2026-11-11T04:00:00Z');

it('records usage for the periods the version caps, and for no period when it caps none', () => {
  const counter = new CapCounter([]);
  counter.take(7, methodology(undefined), DAY1, 1000);
  expect(counter.changed()).toEqual([]);
  counter.take(7, methodology({ perDayEvents: 5 }), DAY1, 1000);
  expect(counter.changed()).toEqual([
    {
      residentId: 7,
      behaviour: 'metro',
      period: '2026-11-10',
      usage: { usedMg: 1000, usedEvents: 1 },
    },
  ]);
});

it('counts a monthly cap across days, and a daily one per day', () => {
  const counter = new CapCounter([]);
  const monthly = methodology({ perMonthEvents: 3, perDayMg: 1500 });
  const taken = [DAY1, DAY1, DAY2, DAY2].map((at) => counter.take(7, monthly, at, 1000));
  expect(taken.map((t) => t.allowedMg)).toEqual([1000, 500, 1000, 0]);
  expect(taken[3].note).toBe('monthly limit of 3 metro events reached');
  expect(counter.changed().sort((a, b) => a.period.localeCompare(b.period))).toEqual([
    {
      residentId: 7,
      behaviour: 'metro',
      period: '2026-11',
      usage: { usedMg: 2500, usedEvents: 3 },
    },
    {
      residentId: 7,
      behaviour: 'metro',
      period: '2026-11-10',
      usage: { usedMg: 1500, usedEvents: 2 },
    },
    {
      residentId: 7,
      behaviour: 'metro',
      period: '2026-11-11',
      usage: { usedMg: 1000, usedEvents: 1 },
    },
  ]);
});

it('starts from the usage it was given', () => {
  const counter = new CapCounter([
    [CapCounter.key(7, 'metro', '2026-11-10'), { usedMg: 4000, usedEvents: 5 }],
  ]);
  expect(counter.take(7, methodology({ perDayEvents: 5 }), DAY1, 1000)).toEqual({
    allowedMg: 0,
    note: 'daily limit of 5 metro events reached',
  });
});
