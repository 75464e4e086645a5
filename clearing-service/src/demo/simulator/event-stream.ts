import type { BehaviourEvent } from '@tanlian/sdk';
import { createHash } from 'node:crypto';
import { chinaDayStartOf, chinaIso, chinaWeekday } from '../../time/china-time';
import type { OperatorRole, Population, SimResident } from './population';
import { Prng } from './prng';

/** One push an operator makes: the event, and whether it is a redelivery of one sent before. */
export interface SimEvent {
  role: OperatorRole;
  operator: string;
  event: BehaviourEvent;
  /** The same event (same id, same body) sent again, as an operator does after a timeout. */
  redelivery: boolean;
  /** The map app reporting a metro ride the metro operator also reports (same trip, other id). */
  overlapCopy: boolean;
}

export interface EventStreamOptions {
  seed: number;
  /** Part of every event id, so two runs never reuse an id; defaults to the seed in base 36. */
  runTag?: string;
  /** The clock, in epoch ms; tests pin it. Events are never after it, nor older than the window. */
  now?: () => number;
  /** The program's acceptance window (hours); events start at least an hour inside it. */
  windowHours?: number;
  /** Share of pushes that redeliver an event already sent (default 1 %). */
  redeliveryShare?: number;
  /** Share of a map-app user's metro rides that the map app reports too (default 20 %). */
  overlapShare?: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// How many residents' days are being reported at once: interleaves residents and operators.
const ACTIVE_DAYS = 64;
// Redeliveries repeat one of the last pushes (an operator retries within minutes, not days).
const RECENT = 1000;

const ID_PREFIX: Record<OperatorRole, string> = {
  metro: 'SZM',
  bus: 'BUS',
  bike: 'BK',
  mapApp: 'MAP',
  power: 'PWR',
};

interface Trip {
  start: number;
  end: number;
}

interface ResidentDay {
  dayStart: number;
  trips: Trip[];
  totalsReported: boolean;
}

/**
 * A deterministic stream of what a city's operators push: for a random resident and a random day
 * inside the acceptance window, that resident's day — metro commutes (with a first-mile bike ride
 * now and then), bus rides, bike rides, the day's steps (map app) and the day's electricity use
 * (utility) — interleaved with other residents' days. Redeliveries and the map app reporting the
 * same metro ride come in realistic proportions. Same seed and same clock → same events.
 */
export class EventStream {
  private readonly prng: Prng;
  private readonly now: () => number;
  private readonly windowMs: number;
  private readonly redeliveryShare: number;
  private readonly overlapShare: number;
  private readonly runTag: string;
  private readonly active: SimEvent[][] = [];
  private readonly delayed: { due: number; event: SimEvent }[] = [];
  private readonly recent: SimEvent[] = [];
  private readonly days = new Map<string, ResidentDay>();
  private emitted = 0;
  private sequence = 0;

  constructor(
    readonly population: Population,
    options: EventStreamOptions,
  ) {
    this.prng = new Prng(options.seed);
    this.now = options.now ?? Date.now;
    this.windowMs = (options.windowHours ?? 168) * HOUR;
    this.redeliveryShare = options.redeliveryShare ?? 0.01;
    this.overlapShare = options.overlapShare ?? 0.2;
    this.runTag = options.runTag ?? (options.seed >>> 0).toString(36);
    if (!/^[A-Za-z0-9]{1,24}$/.test(this.runTag))
      throw new RangeError('runTag must be 1-24 letters or digits');
  }

  next(): SimEvent {
    this.emitted += 1;
    const head = this.delayed[0];
    if (head && head.due <= this.emitted) {
      this.delayed.shift();
      return this.remember(head.event);
    }
    if (this.recent.length > 0 && this.prng.chance(this.redeliveryShare)) {
      const again = this.prng.pick(this.recent);
      return { ...again, redelivery: true };
    }
    for (let attempt = 0; attempt < 1000; attempt++) {
      const slot = this.prng.int(0, ACTIVE_DAYS - 1);
      const queue = this.active[slot];
      if (queue && queue.length > 0) return this.remember(queue.shift()!);
      this.active[slot] = this.residentDay();
    }
    throw new Error('the simulation produced no event in 1000 resident-days');
  }

  take(n: number): SimEvent[] {
    return Array.from({ length: n }, () => this.next());
  }

  private remember(e: SimEvent): SimEvent {
    if (this.recent.length < RECENT) this.recent.push(e);
    else this.recent[this.prng.int(0, RECENT - 1)] = e;
    return e;
  }

  /** One resident's day, in time order, the events that have happened and are reportable now. */
  private residentDay(): SimEvent[] {
    const p = this.prng;
    const resident = p.pick(this.population.residents);
    const now = this.now();
    const oldest = now - this.windowMs + HOUR;
    const reportable = now - 60_000;
    const todayStart = chinaDayStartOf(now);
    const daysBack = p.int(0, Math.floor(this.windowMs / DAY) - 1);
    const dayStart = todayStart - daysBack * DAY;
    const weekday = ![0, 6].includes(chinaWeekday(dayStart));
    const at = (hours: number) => dayStart + Math.round(hours * 3600) * 1000;

    // A resident-day drawn again adds to the same day: trips never overlap the day's earlier
    // ones, and daily totals are reported once.
    const day = this.dayOf(resident, dayStart, oldest);
    const trips = day.trips;
    const out: SimEvent[] = [];
    const ride = (
      role: OperatorRole,
      behaviour: string,
      start: number,
      km: number,
      kmh: number,
    ) => {
      const distanceM = Math.round(km * 1000);
      const durationS = Math.ceil((distanceM * 3.6) / kmh);
      const trip = this.place(trips, start, durationS * 1000, dayStart + DAY);
      if (!trip || trip.start < oldest || trip.end > reportable) return null;
      trips.push(trip);
      const e = this.emit(resident, role, behaviour, trip, { distanceM }, true);
      if (e) out.push(e);
      return e;
    };

    const a = resident.accounts;
    if (a.metro) {
      const metroRides: SimEvent[] = [];
      if (resident.commuter && p.chance(weekday ? 0.92 : 0.25)) {
        const depart = at(p.uniform(6.8, 9.5));
        if (a.bike && p.chance(0.35)) {
          const km = Math.min(3, resident.bikeKm * p.uniform(0.8, 1.2));
          const kmh = p.uniform(10, 17);
          const lead = Math.ceil((km * 3.6e6) / kmh) + p.int(2, 6) * 60_000;
          ride('bike', 'bike', depart - lead, km, kmh);
        }
        const km = clamp(resident.commuteKm * p.uniform(0.97, 1.03), 2, 25);
        const go = ride('metro', 'metro', depart, km, p.uniform(28, 42));
        const back = ride('metro', 'metro', at(p.uniform(17.3, 21)), km, p.uniform(28, 42));
        for (const e of [go, back]) if (e) metroRides.push(e);
      }
      if (p.chance(weekday ? 0.12 : 0.45)) {
        const e = ride('metro', 'metro', at(p.uniform(10, 21.5)), p.logNormal(7, 0.6, 2, 25), 35);
        if (e) metroRides.push(e);
      }
      if (a.mapApp) {
        for (const e of metroRides) if (p.chance(this.overlapShare)) this.delayCopy(resident, e);
      }
    }
    if (a.bus && p.chance(weekday ? 0.55 : 0.45)) {
      const rides = p.chance(0.4) ? 2 : 1;
      for (let i = 0; i < rides; i++)
        ride('bus', 'bus', at(p.uniform(7, 21.5)), resident.busKm * p.uniform(0.7, 1.3), 18);
    }
    if (a.bike && p.chance(0.3)) {
      ride(
        'bike',
        'bike',
        at(p.uniform(7, 22)),
        resident.bikeKm * p.uniform(0.6, 1.6),
        p.uniform(9, 18),
      );
    }
    // Daily totals are reported once the day is over.
    const wholeDay = { start: dayStart, end: dayStart + DAY };
    if (daysBack >= 1 && dayStart >= oldest && !day.totalsReported) {
      day.totalsReported = true;
      if (a.mapApp) {
        const steps = Math.round(p.logNormal(resident.stepsPerDay, 0.35, 300, 40_000));
        const e = this.emit(resident, 'mapApp', 'walk', wholeDay, { units: steps }, false);
        if (e) out.push(e);
      }
      if (a.power) {
        const wh = Math.round(resident.whPerDay * p.uniform(0.75, 1.25));
        const e = this.emit(resident, 'power', 'electricity', wholeDay, { units: wh }, false);
        if (e) out.push(e);
      }
    }
    return out;
  }

  private dayOf(resident: SimResident, dayStart: number, oldest: number): ResidentDay {
    const key = `${resident.index}|${dayStart}`;
    let day = this.days.get(key);
    if (!day) {
      if (this.days.size >= this.population.residents.length * 9) {
        for (const [k, d] of this.days) if (d.dayStart < oldest - DAY) this.days.delete(k);
      }
      day = { dayStart, trips: [], totalsReported: false };
      this.days.set(key, day);
    }
    return day;
  }

  /** A free slot for a trip of `durationMs` at or after `start`, not overlapping the day's trips. */
  private place(trips: Trip[], start: number, durationMs: number, dayEnd: number): Trip | null {
    let candidate = { start, end: start + durationMs };
    for (let tries = 0; tries < 4; tries++) {
      const clash = trips.find((t) => candidate.start < t.end + 60_000 && t.start < candidate.end);
      if (!clash) return candidate.end <= dayEnd ? candidate : null;
      const next = clash.end + this.prng.int(2, 10) * 60_000;
      candidate = { start: next, end: next + durationMs };
    }
    return null;
  }

  private emit(
    resident: SimResident,
    role: OperatorRole,
    behaviour: string,
    when: Trip,
    activity: { distanceM?: number; units?: number },
    trip: boolean,
  ): SimEvent | null {
    const account = resident.accounts[role];
    if (!account) return null;
    const id = `${ID_PREFIX[role]}-${this.runTag}-${(this.sequence++).toString(36)}`;
    const event: BehaviourEvent = {
      id,
      user: account.user,
      behaviour,
      startedAt: chinaIso(when.start),
      endedAt: chinaIso(when.end),
      activity,
      district: resident.district,
    };
    if (trip)
      event.evidenceHash = createHash('sha256').update(`${id}|${account.user}`).digest('hex');
    return {
      role,
      operator: this.population.options.operators[role],
      event,
      redelivery: false,
      overlapCopy: false,
    };
  }

  /** The map app reports the same metro ride with its own id and clock, a little later. */
  private delayCopy(resident: SimResident, metro: SimEvent): void {
    const p = this.prng;
    const start = Date.parse(metro.event.startedAt) + p.int(-60, 60) * 1000;
    const distanceM = Math.round(
      clamp(metro.event.activity.distanceM! * p.uniform(0.95, 1.05), 2000, 25_000),
    );
    const durationS = Math.max(
      ((Date.parse(metro.event.endedAt) - Date.parse(metro.event.startedAt)) / 1000) *
        p.uniform(0.95, 1.1),
      (distanceM * 3.6) / 42,
    );
    const copy = this.emit(
      resident,
      'mapApp',
      'metro',
      { start, end: start + Math.ceil(durationS) * 1000 },
      { distanceM },
      true,
    );
    if (!copy) return;
    if (Date.parse(copy.event.endedAt) > this.now() - 60_000) return;
    copy.overlapCopy = true;
    const due = this.emitted + p.int(5, 400);
    const i = this.delayed.findIndex((d) => d.due > due);
    this.delayed.splice(i === -1 ? this.delayed.length : i, 0, { due, event: copy });
  }
}

function clamp(x: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, x));
}
