import { chinaDayStartOf, DAY_MS } from '../../src/time/china-time';

/**
 * Start times for n back-to-back, non-overlapping events that all fall in ONE China-time day and
 * inside the acceptance window, whatever time of day the tests run.
 */
export function sameChinaDaySlots(n: number, slotMinutes: number, now = Date.now()): Date[] {
  const chinaMidnight = chinaDayStartOf(now);
  const needed = (n * slotMinutes + 5) * 60_000;
  // Today if the slots fit between China midnight and now, else the whole previous day.
  const base =
    now - chinaMidnight > needed + 60_000
      ? chinaMidnight + 60_000
      : chinaMidnight - DAY_MS + 60_000;
  return Array.from({ length: n }, (_, i) => new Date(base + i * slotMinutes * 60_000));
}
