// The periods dashboards count in, all in China time: a day, an ISO week (Monday first) and a
// month, each named by its first day (`YYYY-MM-DD`).

export const PERIOD_KINDS = ['day', 'week', 'month'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

const DAY_MS = 86_400_000;

function utcOf(day: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new RangeError(`not a day: ${day}`);
  return Date.parse(`${day}T00:00:00Z`);
}

const dayOf = (utc: number): string => new Date(utc).toISOString().slice(0, 10);

/** The first day of the period of `kind` that China day `day` falls in. */
export function periodStart(kind: PeriodKind, day: string): string {
  if (kind === 'day') return dayOf(utcOf(day));
  if (kind === 'month') return `${day.slice(0, 7)}-01`;
  const utc = utcOf(day);
  const sinceMonday = (new Date(utc).getUTCDay() + 6) % 7;
  return dayOf(utc - sinceMonday * DAY_MS);
}

/** The day, week and month a China day falls in. */
export function periodsOf(day: string): { kind: PeriodKind; start: string }[] {
  return PERIOD_KINDS.map((kind) => ({ kind, start: periodStart(kind, day) }));
}
