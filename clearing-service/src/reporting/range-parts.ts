// A range of China days [from, to] as the fewest rollup rows that cover it exactly: the whole
// months inside it, and the days before and after them. Additive figures only (never distinct counts).

export interface RangeParts {
  months: string[];
  /** Inclusive [first, last] day spans not covered by a whole month. */
  days: [string, string][];
}

const DAY_MS = 86_400_000;
const utc = (day: string) => Date.parse(`${day}T00:00:00Z`);
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function rangeParts(from: string, to: string): RangeParts {
  const months: string[] = [];
  const days: [string, string][] = [];
  let cursor = utc(from);
  const end = utc(to);
  let spanStart: number | null = null;
  while (cursor <= end) {
    const d = new Date(cursor);
    const monthEnd = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) - DAY_MS;
    if (d.getUTCDate() === 1 && monthEnd <= end) {
      if (spanStart !== null) days.push([dayOf(spanStart), dayOf(cursor - DAY_MS)]);
      spanStart = null;
      months.push(dayOf(cursor));
      cursor = monthEnd + DAY_MS;
    } else {
      if (spanStart === null) spanStart = cursor;
      cursor += DAY_MS;
    }
  }
  if (spanStart !== null) days.push([dayOf(spanStart), dayOf(end)]);
  return { months, days };
}
