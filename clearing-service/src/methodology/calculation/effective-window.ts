/** An effective window [from, to): `to` is exclusive, null means no end. */
export interface EffectiveWindow {
  effectiveFrom: Date;
  effectiveTo: Date | null;
}

export function windowContains(w: EffectiveWindow, at: Date): boolean {
  return w.effectiveFrom <= at && (w.effectiveTo === null || at < w.effectiveTo);
}

/** True when some instant lies in both windows. Touching ends (one's `to` = the other's `from`) do not overlap. */
export function windowsOverlap(a: EffectiveWindow, b: EffectiveWindow): boolean {
  const aStartsBeforeBEnds = b.effectiveTo === null || a.effectiveFrom < b.effectiveTo;
  const bStartsBeforeAEnds = a.effectiveTo === null || b.effectiveFrom < a.effectiveTo;
  return aStartsBeforeBEnds && bStartsBeforeAEnds;
}
