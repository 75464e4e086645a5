import { windowContains } from './effective-window';
import type { PublishedMethodology } from './published-methodology';

/**
 * The version in force for `behaviour` at `at`, or null. Publication refuses overlapping windows
 * per behaviour, so at most one matches; should two ever do, the one that started last wins
 * (then the higher id), so the answer never depends on the order of the list.
 */
export function pickInForce(
  published: PublishedMethodology[],
  behaviour: string,
  at: Date,
): PublishedMethodology | null {
  let found: PublishedMethodology | null = null;
  for (const m of published) {
    if (m.behaviour !== behaviour || !windowContains(m, at)) continue;
    if (!found || startsLater(m, found)) found = m;
  }
  return found;
}

function startsLater(a: PublishedMethodology, b: PublishedMethodology): boolean {
  const diff = a.effectiveFrom.getTime() - b.effectiveFrom.getTime();
  return diff !== 0 ? diff > 0 : a.id > b.id;
}
