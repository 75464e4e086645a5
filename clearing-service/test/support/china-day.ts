/**
 * Start times for n back-to-back, non-overlapping events that all fall in ONE China-time day and
 * inside the acceptance window, whatever time of day the tests run.
 */
export function sameChinaDaySlots(n: number, slotMinutes: number, now = Date.now()): Date[] {
  const chinaNow = now + 8 * 3600_000;
  const chinaMidnightUtc = chinaNow - (chinaNow % 86_400_000) - 8 * 3600_000;
  const needed = (n * slotMinutes + 5) * 60_000;
  // Today if the slots fit between China midnight and now, else the whole previous day.
  const base =
    now - chinaMidnightUtc > needed + 60_000
      ? chinaMidnightUtc + 60_000
      : chinaMidnightUtc - 86_400_000 + 60_000;
  return Array.from({ length: n }, (_, i) => new Date(base + i * slotMinutes * 60_000));
}
