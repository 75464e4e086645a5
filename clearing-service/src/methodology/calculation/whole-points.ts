/**
 * The program's rule from reductions to points: whole points of what the resident has (carried
 * milligrams plus the new reduction), the rest carried to the next event, so rounding never
 * loses value. Crediting keeps the carried milligrams per resident and issuer; the calculator
 * shows one event.
 */
export function wholePoints(
  totalMg: number,
  mgPerPoint: number,
): { points: number; remainderMg: number } {
  const points = Math.floor(totalMg / mgPerPoint);
  return { points, remainderMg: totalMg - points * mgPerPoint };
}
