// Points expire in lots: the last day of the month, POINTS_VALIDITY_MONTHS after the credit (in China
// time). Monthly lots keep a resident's account count small; 36 months is well inside the 10-year
// ceiling of the scheme rules.
export const POINTS_VALIDITY_MONTHS = 36;
const CHINA_OFFSET_MS = 8 * 3600_000;

export function pointsExpiryFor(creditedAt: Date): string {
  const local = new Date(creditedAt.getTime() + CHINA_OFFSET_MS);
  const lastDay = new Date(
    Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + POINTS_VALIDITY_MONTHS + 1, 0),
  );
  return lastDay.toISOString().slice(0, 10);
}
