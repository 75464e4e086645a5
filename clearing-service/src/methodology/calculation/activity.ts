/**
 * What an operator measured for one behaviour event; every value a non-negative whole number.
 * Which field a methodology reads depends on its model: distanceM for per_distance, units for
 * per_unit (steps, Wh, grams…) and baseline_diff (Wh used that day); per_event reads none.
 */
export interface Activity {
  distanceM?: number;
  durationS?: number;
  units?: number;
}

/** What the calculation needs to know about the resident beyond the event itself. */
export interface CalculationContext {
  /** baseline_diff only: the resident's average daily use over the last 7 days, or null when unknown. */
  trailing7DayAvgWh: number | null;
}

export function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
