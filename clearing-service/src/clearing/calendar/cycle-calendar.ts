// When a program's clearing cycles close, as a pure function of its settings: the cut-off is a
// local time of day in the program's IANA time zone (Intl knows the zones' rules, daylight saving
// included, so nothing here assumes China's fixed UTC+8). Daily cycles close every day at the
// cut-off, weekly ones on Mondays, monthly ones on the 1st; a cycle's trade date is the local day
// it ends on, and its value date (when money moves) the day after: T+1.

import type { SettlementCycle } from '../../tenancy/entities/program.entity';

export interface CycleCalendar {
  readonly settlementCycle: SettlementCycle;
  /** The IANA time zone of the cut-off, e.g. Asia/Shanghai. */
  readonly timeZone: string;
  /** Minutes after local midnight, 0..1439. */
  readonly cutoffMinutes: number;
}

interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const DAY_MS = 86_400_000;
const formats = new Map<string, Intl.DateTimeFormat>();

/** True when `timeZone` is one Intl knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

function formatOf(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(timeZone, f);
  }
  return f;
}

/** The zone's offset from UTC at `instant`, in ms (east positive). */
function offsetAt(timeZone: string, instant: number): number {
  const parts = Object.fromEntries(
    formatOf(timeZone)
      .formatToParts(new Date(instant))
      .map((p) => [p.type, Number(p.value)]),
  );
  const wall = Date.UTC(
    parts.year,
    parts.month - 1,
    parts.day,
    parts.hour,
    parts.minute,
    parts.second,
  );
  return wall - (instant - (((instant % 1000) + 1000) % 1000));
}

/** The local date at `instant` in the zone. */
export function localDateOf(timeZone: string, instant: number): LocalDate {
  const shifted = new Date(instant + offsetAt(timeZone, instant));
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
  };
}

/** The instant of a local wall time (minutes after midnight of `date`) in the zone. */
function instantOf(timeZone: string, date: LocalDate, minutes: number): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day, 0, minutes);
  // Twice: the offset at the guess may differ from the offset at the answer across a change.
  const first = wall - offsetAt(timeZone, wall);
  return wall - offsetAt(timeZone, first);
}

function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day) + days * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** The first cut-off strictly after `after` (ms since the epoch). */
export function nextCutoff(calendar: CycleCalendar, after: number): number {
  const { timeZone, cutoffMinutes } = calendar;
  let date = localDateOf(timeZone, after);
  if (calendar.settlementCycle === 'monthly') date = { ...date, day: 1 };
  for (;;) {
    if (isCutoffDay(calendar.settlementCycle, date)) {
      const at = instantOf(timeZone, date, cutoffMinutes);
      if (at > after) return at;
    }
    date =
      calendar.settlementCycle === 'monthly'
        ? date.month === 12
          ? { year: date.year + 1, month: 1, day: 1 }
          : { year: date.year, month: date.month + 1, day: 1 }
        : addDays(date, 1);
  }
}

function isCutoffDay(cycle: SettlementCycle, date: LocalDate): boolean {
  if (cycle === 'daily') return true;
  if (cycle === 'monthly') return date.day === 1;
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() === 1;
}

/**
 * A closed cycle's dates: the trade date is the local day of the cycle's last moment (its
 * scheduled cut-off, or an earlier close), the value date the day after (T+1). `YYYY-MM-DD`.
 */
export function cycleDates(
  calendar: CycleCalendar,
  closedAt: number,
  scheduledCutoff: number,
): { tradeDate: string; valueDate: string } {
  const trade = localDateOf(calendar.timeZone, Math.min(closedAt, scheduledCutoff) - 1);
  return { tradeDate: isoDate(trade), valueDate: isoDate(addDays(trade, 1)) };
}

function isoDate(d: LocalDate): string {
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}
