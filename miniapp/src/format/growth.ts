// The growth levels, driven by cumulative reduction (never points, which can be spent): Tanlian's
// own themes, thresholds stated in the app.
import { fill, t } from '../locales';
import { compareIntegers, formatMass, subtractFloor } from './amounts';

/** Level thresholds in milligrams of CO₂e: 0, 1 kg, 10 kg, 50 kg, 200 kg, 1 t. */
export const LEVEL_THRESHOLDS_MG = [
  '0',
  '1000000',
  '10000000',
  '50000000',
  '200000000',
  '1000000000',
];

export interface Growth {
  level: number;
  name: string;
  next: { name: string; leftMg: string } | null;
  /** 0 to 1 towards the next level. */
  progress: number;
}

export function growthOf(totalMg: string): Growth {
  const names = t().levels;
  let level = 0;
  for (let i = 0; i < LEVEL_THRESHOLDS_MG.length; i++) {
    if (compareIntegers(totalMg, LEVEL_THRESHOLDS_MG[i]) >= 0) level = i;
  }
  if (level === LEVEL_THRESHOLDS_MG.length - 1) {
    return { level: level + 1, name: names[level], next: null, progress: 1 };
  }
  const from = Number(LEVEL_THRESHOLDS_MG[level]);
  const to = Number(LEVEL_THRESHOLDS_MG[level + 1]);
  const progress = Math.max(0, Math.min(1, (Number(totalMg) - from) / (to - from)));
  return {
    level: level + 1,
    name: names[level],
    next: {
      name: names[level + 1],
      leftMg: subtractFloor(LEVEL_THRESHOLDS_MG[level + 1], totalMg),
    },
    progress,
  };
}

/** The rule as the app states it: "萌芽 0 克 · 青苗 1 千克 · …". */
export function growthRule(): string {
  const names = t().levels;
  const rule = LEVEL_THRESHOLDS_MG.map((mg, i) => `${names[i]} ${formatMass(mg)}`).join(' · ');
  return fill(t().home.growthRule, { rule });
}
