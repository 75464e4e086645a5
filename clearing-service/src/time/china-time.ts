// The schemes' own clock is China time: UTC+8 all year (no daylight saving since 1991), so every
// conversion is a fixed shift and plain UTC arithmetic on the shifted instant. Caps count per China
// day and month, points expire at a China month end, cycles close at a China midnight.

export const CHINA_OFFSET_MS = 8 * 3_600_000;
export const DAY_MS = 86_400_000;

type Instant = Date | number;

const ms = (at: Instant): number => (typeof at === 'number' ? at : at.getTime());

/** `2026-11-21`: the China day an instant falls in. On crediting's hot path: one shift, no parsing. */
export function chinaDay(at: Instant): string {
  return new Date(ms(at) + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** `2026-11`: the China month an instant falls in. */
export function chinaMonth(at: Instant): string {
  return chinaDay(at).slice(0, 7);
}

/** `2029-11-30`: the last China day of the month `monthsLater` months after the one `at` is in. */
export function chinaMonthEnd(at: Instant, monthsLater = 0): string {
  const local = new Date(ms(at) + CHINA_OFFSET_MS);
  // Day 0 of the month after is the last day of the month wanted.
  const lastDay = Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + monthsLater + 1, 0);
  return new Date(lastDay).toISOString().slice(0, 10);
}

/** The instant (epoch ms) China day `day` (`YYYY-MM-DD`) begins: 00:00 China time, 16:00 UTC before. */
export function chinaDayStart(day: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new RangeError(`not a day: ${day}`);
  return Date.parse(`${day}T00:00:00Z`) - CHINA_OFFSET_MS;
}

/** The instant (epoch ms) the China day an instant falls in began. */
export function chinaDayStartOf(at: Instant): number {
  return Math.floor((ms(at) + CHINA_OFFSET_MS) / DAY_MS) * DAY_MS - CHINA_OFFSET_MS;
}

/** 0 (Sunday) to 6 (Saturday): the China weekday an instant falls in. */
export function chinaWeekday(at: Instant): number {
  return new Date(ms(at) + CHINA_OFFSET_MS).getUTCDay();
}

/**
 * T+1: the instant (epoch ms) the cycle of China day `day` closes, the next China midnight plus
 * `afterMidnightMs` (how long late reports of the day are still awaited).
 */
export function chinaCycleCutoff(day: string, afterMidnightMs = 0): number {
  return chinaDayStart(day) + DAY_MS + afterMidnightMs;
}

/** `2026-11-21T08:30:00+08:00`: whole seconds in China time, as operators send them. */
export function chinaIso(at: Instant): string {
  const whole = Math.floor(ms(at) / 1000) * 1000;
  return `${new Date(whole + CHINA_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}
