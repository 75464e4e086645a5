// Cursor pages: a list reads `limit` + 1 rows, so it knows whether another page follows.

/** A page of `limit` + 1 rows: the first `limit`, and the cursor of the last when more follow. */
export function pageOf<R, C>(
  rows: R[],
  limit: number,
  cursorOf: (row: R) => C,
): { rows: R[]; next: C | null } {
  const page = rows.slice(0, limit);
  return { rows: page, next: rows.length > limit ? cursorOf(page[page.length - 1]) : null };
}
