import { chinaMonthEnd } from '../time/china-time';

// Points expire in lots: the last day of the month, POINTS_VALIDITY_MONTHS after the credit (in China
// time). Monthly lots keep a resident's account count small; 36 months is well inside the 10-year
// ceiling of the scheme rules.
export const POINTS_VALIDITY_MONTHS = 36;

export function pointsExpiryFor(creditedAt: Date): string {
  return chinaMonthEnd(creditedAt, POINTS_VALIDITY_MONTHS);
}
