// Caps count per day and per month in China time (UTC+8, no daylight saving), the schemes' own clock.
const CHINA_OFFSET_MS = 8 * 3600_000;

/** `2026-11-21`: the China-time day an instant falls in. */
export function chinaDay(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** `2026-11`: the China-time month an instant falls in. */
export function chinaMonth(at: Date): string {
  return chinaDay(at).slice(0, 7);
}
