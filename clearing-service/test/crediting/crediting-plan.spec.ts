import { CapCounter } from '../../src/crediting/cap-counter';
import { planCredits, type PlanInputs } from '../../src/crediting/crediting-plan';
import type { InboxRow } from '../../src/ingest/services/inbox-status-store';
import { TripOverlaps } from '../../src/crediting/trip-overlaps';
import { seed } from '../methodology/fixtures';

// Resident 7 is bound; operator user 'stranger' is not. Times are China time (UTC+8).
const at = (time: string) => new Date(`2026-11-10T${time}+08:00`);
const METHODOLOGIES = [seed('SZ-METRO'), seed('WALK')];
let nextId = 1;

function event(changes: Partial<InboxRow> = {}): InboxRow {
  const id = nextId++;
  return {
    id,
    operatorId: 1,
    eventId: `e-${id}`,
    behaviour: 'metro',
    externalUser: 'u-7',
    startedAt: at('08:00:00'),
    endedAt: at('08:30:00'),
    distanceM: 12_345,
    units: null,
    district: null,
    receivedAt: at('09:00:00'),
    ...changes,
  };
}

function inputs(changes: Partial<PlanInputs> = {}): PlanInputs {
  return {
    published: METHODOLOGIES,
    residentOf: (row) => (row.externalUser === 'stranger' ? null : 7),
    bindingWindowHours: 72,
    trailing7DayAvgWh: () => null,
    caps: new CapCounter([]),
    trips: new TripOverlaps([]),
    now: at('09:00:05'),
    ...changes,
  };
}

it('credits a metro ride under SZ-METRO: 12 345 m × 46 700 mg / 1 000 m = 576 511 mg', () => {
  const [decision] = planCredits([event()], inputs());
  expect(decision).toMatchObject({
    kind: 'credit',
    residentId: 7,
    calculatedMg: 576_511,
    reductionMg: 576_511,
    formula: '12345 m × 46700 mg / 1000 m = 576511 mg (floor)',
    note: null,
    isTrip: true,
  });
  expect(decision.kind === 'credit' && decision.methodology.code).toBe('SZ-METRO');
});

it('keeps an unbound user’s event waiting, and lets it expire once the binding window has passed', () => {
  const row = event({ externalUser: 'stranger' });
  expect(planCredits([row], inputs())).toEqual([{ kind: 'wait', row, expired: false }]);
  // Received 09:00 on the 10th with a 72 h window: still waiting at 09:00 on the 13th, expired after.
  const atDeadline = new Date('2026-11-13T09:00:00+08:00');
  expect(planCredits([row], inputs({ now: atDeadline }))[0]).toMatchObject({ expired: false });
  const justAfter = new Date(atDeadline.getTime() + 1);
  expect(planCredits([row], inputs({ now: justAfter }))[0]).toMatchObject({ expired: true });
});

it('rejects a behaviour with no methodology in force at its start, naming the behaviour and time', () => {
  const ferry = event({ behaviour: 'ferry' });
  const before = event({
    startedAt: new Date('2019-12-31T23:00:00+08:00'),
    endedAt: new Date('2019-12-31T23:30:00+08:00'),
  });
  const [first, second] = planCredits([ferry, before], inputs());
  expect(first).toMatchObject({
    kind: 'no_credit',
    status: 'rejected',
    residentId: 7,
    reason: 'no_methodology: none in force for ferry at 2026-11-10T00:00:00.000Z',
  });
  expect(second).toMatchObject({ kind: 'no_credit', status: 'rejected' });
  expect(second.kind === 'no_credit' && second.reason).toMatch(/^no_methodology: .*metro/);
});

it('rejects an implausible ride (60 km in 10 minutes is 360 km/h, over SZ-METRO’s 120) and a ride with no distance', () => {
  const tooFast = event({ distanceM: 60_000, endedAt: at('08:10:00') });
  const noDistance = event({ distanceM: null });
  const [fast, missing] = planCredits([tooFast, noDistance], inputs());
  expect(fast).toMatchObject({ kind: 'no_credit', status: 'rejected' });
  expect(fast.kind === 'no_credit' && fast.reason).toMatch(/^implausible_speed: SZ-METRO@1/);
  expect(missing).toMatchObject({ kind: 'no_credit', status: 'rejected' });
  expect(missing.kind === 'no_credit' && missing.reason).toMatch(/^missing_quantity: /);
});

it('credits the same trip once: the map app’s report of the metro ride points to the first', () => {
  const metroQr = event({ operatorId: 1 });
  const mapApp = event({ operatorId: 2, startedAt: at('07:58:00'), endedAt: at('08:33:00') });
  const [first, second] = planCredits([metroQr, mapApp], inputs());
  expect(first.kind).toBe('credit');
  expect(second).toEqual({
    kind: 'no_credit',
    row: mapApp,
    status: 'overlapping',
    reason: `overlaps ${metroQr.id} (same trip, already credited)`,
    residentId: 7,
    overlapsEventId: metroQr.id,
  });
});

it('checks overlaps against trips credited in earlier batches, and never for steps', () => {
  const credited = {
    inboxEventId: 99,
    residentId: 7,
    startedAt: at('08:00:00'),
    endedAt: at('08:30:00'),
  };
  const walk = event({ behaviour: 'walk', distanceM: null, units: 5_000 });
  const [ride, steps] = planCredits(
    [event(), walk],
    inputs({ trips: new TripOverlaps([credited]) }),
  );
  expect(ride).toMatchObject({ kind: 'no_credit', status: 'overlapping', overlapsEventId: 99 });
  // 5 000 steps × 29 600 mg / 1 000 steps = 148 000 mg, in the same half hour: not a trip.
  expect(steps).toMatchObject({ kind: 'credit', reductionMg: 148_000, isTrip: false });
});

it('credits five metro rides a day and caps the sixth (SZ-METRO: at most 5 a day)', () => {
  const rides = ['08', '09', '10', '11', '12', '13'].map((hour) =>
    event({ startedAt: at(`${hour}:00:00`), endedAt: at(`${hour}:30:00`) }),
  );
  const decisions = planCredits(rides, inputs());
  expect(decisions.map((d) => d.kind)).toEqual([
    'credit',
    'credit',
    'credit',
    'credit',
    'credit',
    'no_credit',
  ]);
  expect(decisions[5]).toMatchObject({
    status: 'capped',
    reason: 'daily limit of 5 metro events reached',
  });
});

it('credits what the daily cap leaves and says so in the formula: 8 000 + 4 000 steps against 296 000 mg', () => {
  const morning = event({ behaviour: 'walk', distanceM: null, units: 8_000 });
  const evening = event({
    behaviour: 'walk',
    distanceM: null,
    units: 4_000,
    startedAt: at('18:00:00'),
    endedAt: at('18:40:00'),
  });
  const late = event({
    behaviour: 'walk',
    distanceM: null,
    units: 1_000,
    startedAt: at('21:00:00'),
    endedAt: at('21:10:00'),
  });
  const [first, second, third] = planCredits([morning, evening, late], inputs());
  // 8 000 steps = 236 800 mg; 4 000 steps = 118 400 mg, of which 296 000 − 236 800 = 59 200 are left.
  expect(first).toMatchObject({ kind: 'credit', reductionMg: 236_800, note: null });
  expect(second).toMatchObject({
    kind: 'credit',
    calculatedMg: 118_400,
    reductionMg: 59_200,
    note: 'daily cap of 296000 mg for walk applied',
    formula:
      '4000 steps × 29600 mg / 1000 steps = 118400 mg (floor); daily cap of 296000 mg for walk applied → 59200 mg',
  });
  expect(third).toMatchObject({
    kind: 'no_credit',
    status: 'capped',
    reason: 'daily cap of 296000 mg for walk reached',
  });
});

it('starts each China day afresh: a ride after midnight Beijing time is not capped by the day before', () => {
  const caps = new CapCounter([
    [CapCounter.key(7, 'metro', '2026-11-10'), { usedMg: 2_000_000, usedEvents: 5 }],
  ]);
  // 23:30 on the 10th UTC is 07:30 on the 11th in China.
  const nextMorning = event({
    startedAt: new Date('2026-11-10T23:30:00Z'),
    endedAt: new Date('2026-11-10T23:50:00Z'),
  });
  const sameDay = event({ startedAt: at('20:00:00'), endedAt: at('20:20:00') });
  const [next, same] = planCredits([nextMorning, sameDay], inputs({ caps }));
  expect(next.kind).toBe('credit');
  expect(same).toMatchObject({ kind: 'no_credit', status: 'capped' });
});
