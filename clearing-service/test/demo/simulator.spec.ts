import { BehaviourEvent } from '@tanlian/sdk';
import {
  EventStream,
  OPERATOR_ROLES,
  Population,
  percentile,
  type OperatorRole,
  type SimEvent,
} from '../../src/demo/simulator';
import { SHENZHEN_METHODOLOGIES } from '../../src/methodology/seed/shenzhen';

const OPERATORS = {
  metro: 'shenzhen-metro',
  bus: 'shenzhen-bus',
  bike: 'bike-share',
  mapApp: 'map-app',
  power: 'power-utility',
};
// A Wednesday morning in Shenzhen.
const NOW = Date.parse('2026-03-11T10:17:23+08:00');
const HOUR = 3_600_000;

const population = new Population({
  seed: 42,
  residents: 2000,
  operators: OPERATORS,
  unboundShare: 0.02,
});
const stream = (seed: number, now = NOW) => new EventStream(population, { seed, now: () => now });
const events = stream(7).take(20_000);

const start = (e: SimEvent) => Date.parse(e.event.startedAt);
const end = (e: SimEvent) => Date.parse(e.event.endedAt);
const kmh = (e: SimEvent) => (e.event.activity.distanceM! * 3.6) / ((end(e) - start(e)) / 1000);
const between = (x: number | undefined, min: number, max: number) =>
  x !== undefined && x >= min && x <= max;
const share = (pred: (e: SimEvent) => boolean) => events.filter(pred).length / events.length;

describe('simulator: determinism', () => {
  it('gives the same events for the same seed and clock, other events for another seed', () => {
    expect(stream(7).take(3000)).toEqual(events.slice(0, 3000));
    expect(stream(8).take(50)).not.toEqual(events.slice(0, 50));
  });

  it('builds the same population from the same seed', () => {
    const again = new Population({
      seed: 42,
      residents: 2000,
      operators: OPERATORS,
      unboundShare: 0.02,
    });
    expect(again.residents).toEqual(population.residents);
    expect(again.bindings()).toEqual(population.bindings());
  });
});

describe('simulator: every event is one an operator could really send', () => {
  it('passes the sdk BehaviourEvent schema unchanged', () => {
    const refused = events.flatMap((e) => {
      const parsed = BehaviourEvent.safeParse(e.event);
      if (!parsed.success) return [`${e.event.id}: ${parsed.error.message}`];
      return JSON.stringify(parsed.data) === JSON.stringify(e.event)
        ? []
        : [`${e.event.id} changed`];
    });
    expect(refused).toEqual([]);
  });

  it('is never in the future and always inside the 168 h acceptance window', () => {
    const outside = events.filter(
      (e) => end(e) > NOW || start(e) < NOW - 168 * HOUR || end(e) < start(e),
    );
    expect(outside).toEqual([]);
  });

  it('has unique ids per operator; a redelivery repeats an earlier event exactly', () => {
    const seen = new Map<string, string>();
    const problems: string[] = [];
    for (const e of events) {
      const key = `${e.operator}|${e.event.id}`;
      const body = JSON.stringify(e.event);
      if (e.redelivery && seen.get(key) !== body) problems.push(`${key}: redelivery differs`);
      if (!e.redelivery && seen.has(key)) problems.push(`${key}: id reused`);
      seen.set(key, body);
    }
    expect(problems).toEqual([]);
    expect(events.some((e) => e.redelivery)).toBe(true);
    // And never across runs: the seed is part of the id.
    const other = new Set(
      stream(8)
        .take(5000)
        .map((e) => e.event.id),
    );
    expect(events.filter((e) => other.has(e.event.id))).toEqual([]);
  });

  it('sends each behaviour from the operator that records it, for that operator’s users', () => {
    const behaviours: Record<OperatorRole, string[]> = {
      metro: ['metro'],
      bus: ['bus'],
      bike: ['bike'],
      mapApp: ['metro', 'walk'],
      power: ['electricity'],
    };
    const users = new Map(
      OPERATOR_ROLES.map((role) => [
        role,
        new Set(population.residents.flatMap((r) => r.accounts[role]?.user ?? [])),
      ]),
    );
    const wrong = events.filter(
      (e) =>
        e.operator !== OPERATORS[e.role] ||
        !behaviours[e.role].includes(e.event.behaviour) ||
        !users.get(e.role)!.has(e.event.user),
    );
    expect(wrong).toEqual([]);
  });

  it('keeps distances, speeds and quantities plausible under the seeded methodologies', () => {
    const maxSpeed = Object.fromEntries(
      SHENZHEN_METHODOLOGIES.map((m) => [m.definition.behaviour, m.definition.limits?.maxSpeedKmh]),
    );
    const limits: Record<string, (e: SimEvent) => boolean> = {
      metro: (e) =>
        between(e.event.activity.distanceM, 2000, 25_000) && kmh(e) >= 20 && kmh(e) <= 45,
      bus: (e) => kmh(e) <= 25,
      bike: (e) => kmh(e) <= 35,
      walk: (e) => between(e.event.activity.units, 300, 40_000),
      electricity: (e) => between(e.event.activity.units, 500, 20_000),
    };
    const implausible = events.filter((e) => {
      const { behaviour, activity } = e.event;
      if (!limits[behaviour]?.(e)) return true;
      if (activity.distanceM !== undefined && kmh(e) > maxSpeed[behaviour]!) return true;
      // Daily totals cover one whole day.
      return activity.units !== undefined && end(e) - start(e) !== 24 * HOUR;
    });
    expect(implausible).toEqual([]);
  });

  it('mixes behaviours, redeliveries and double-reported trips in realistic proportions', () => {
    expect(share((e) => e.event.behaviour === 'metro')).toBeGreaterThan(0.3);
    for (const b of ['bus', 'bike', 'walk', 'electricity'])
      expect(share((e) => e.event.behaviour === b)).toBeGreaterThan(0.04);
    expect(share((e) => e.redelivery)).toBeGreaterThan(0.005);
    expect(share((e) => e.redelivery)).toBeLessThan(0.02);
    expect(share((e) => e.overlapCopy)).toBeGreaterThan(0.02);
    expect(share((e) => e.overlapCopy)).toBeLessThan(0.1);
  });

  it('overlaps trips only where the map app reports a metro ride the metro operator reported', () => {
    const residentOf = new Map<string, number>();
    for (const r of population.residents)
      for (const a of Object.values(r.accounts)) residentOf.set(a!.user, r.index);
    const trips = events.filter((e) => !e.redelivery && e.event.activity.distanceM !== undefined);
    const overlap = (a: SimEvent, b: SimEvent) => start(a) < end(b) && start(b) < end(a);
    const own = new Map<number, SimEvent[]>();
    const clashes: string[] = [];
    for (const e of trips.filter((t) => !t.overlapCopy)) {
      const r = residentOf.get(e.event.user)!;
      const earlier = own.get(r) ?? [];
      for (const other of earlier)
        if (overlap(e, other)) clashes.push(`${e.event.id} overlaps ${other.event.id}`);
      own.set(r, [...earlier, e]);
    }
    expect(clashes).toEqual([]);
    const copies = trips.filter((t) => t.overlapCopy);
    expect(copies.length).toBeGreaterThan(0);
    const orphans = copies.filter(
      (copy) =>
        copy.role !== 'mapApp' ||
        !(own.get(residentOf.get(copy.event.user)!) ?? []).some(
          (m) => m.role === 'metro' && overlap(copy, m),
        ),
    );
    expect(orphans).toEqual([]);
  });

  it('binds most operator accounts and leaves a few unbound', () => {
    const accounts = population.residents.flatMap((r) => Object.values(r.accounts));
    const bindings = population.bindings();
    expect(new Set(bindings.map((b) => `${b.operator}|${b.user}`)).size).toBe(bindings.length);
    expect(bindings.length / accounts.length).toBeGreaterThan(0.95);
    expect(bindings.length).toBeLessThan(accounts.length);
    for (const r of population.residents)
      expect(Object.keys(r.accounts).length).toBeGreaterThanOrEqual(1);
  });
});

describe('percentile', () => {
  it('takes the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([], 50)).toBeNaN();
  });
});
