// The webhook-timestamp: integer unix seconds, checked against a tolerance window so a
// captured request cannot be replayed later.

export const DEFAULT_TOLERANCE_SECONDS = 300;

// Only the canonical decimal form, so the header text is exactly what was signed
// (no sign, no leading zeros, no exponent). 12 digits reach the year 33658.
const CANONICAL_TIMESTAMP = /^(?:0|[1-9][0-9]{0,11})$/;

export function isValidTimestamp(seconds: unknown): seconds is number {
  return Number.isSafeInteger(seconds) && (seconds as number) >= 0;
}

/** The header's value in seconds, or undefined if it is not a canonical integer. */
export function parseTimestampHeader(value: string): number | undefined {
  return CANONICAL_TIMESTAMP.test(value) ? Number(value) : undefined;
}

export type Freshness = 'fresh' | 'too_old' | 'in_future';

/** Both edges are inclusive: exactly `toleranceSeconds` away is still fresh. */
export function freshness(
  timestamp: number,
  nowSeconds: number,
  toleranceSeconds: number,
): Freshness {
  if (timestamp < nowSeconds - toleranceSeconds) return 'too_old';
  if (timestamp > nowSeconds + toleranceSeconds) return 'in_future';
  return 'fresh';
}
