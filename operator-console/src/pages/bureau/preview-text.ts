import type { MethodologyPreview } from '../../api/types';
import { gramsOf, pointsOf } from '../../format/format';

/** The calculator's answer in one line, e.g. "373.6 g → 37 points, 3.6 g carried". */
export function previewLine(
  p: MethodologyPreview,
  words: { points: string; carried: string },
): string {
  return `${gramsOf(p.reductionMg)} → ${pointsOf(p.points)} ${words.points}, ${gramsOf(p.remainderMg)} ${words.carried}`;
}
