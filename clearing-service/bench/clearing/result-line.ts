// The bench's machine-readable last line (pure: unit-tested).

export interface ClearingFigures {
  clearS: number;
  floorS: number;
  rssMb: number;
  holdsCapturesPerS: number;
  p99MsAt500: number;
  sweeperLagP99S: number;
}

export const TARGETS = {
  clearS: 15,
  rssMb: 512,
  holdsCapturesPerS: 1_500,
  p99MsAt500: 50,
  sweeperLagP99S: 5,
};

const fixed = (x: number, digits: number) => (Number.isFinite(x) ? x.toFixed(digits) : 'NaN');

/** `RESULT clear_1m_s=… floor_s=… ratio=… rss_mb=… holds_captures_per_s=… p99_ms_at_500=… sweeper_lag_p99_s=…`; ratio = floor ÷ clear. */
export function resultLine(f: ClearingFigures): string {
  return [
    'RESULT',
    `clear_1m_s=${fixed(f.clearS, 2)}`,
    `floor_s=${fixed(f.floorS, 2)}`,
    `ratio=${fixed(f.floorS / f.clearS, 3)}`,
    `rss_mb=${fixed(f.rssMb, 0)}`,
    `holds_captures_per_s=${fixed(f.holdsCapturesPerS, 0)}`,
    `p99_ms_at_500=${fixed(f.p99MsAt500, 1)}`,
    `sweeper_lag_p99_s=${fixed(f.sweeperLagP99S, 2)}`,
  ].join(' ');
}

/** "met" or "MISSED" per target. */
export function verdicts(f: ClearingFigures): Record<keyof typeof TARGETS, 'met' | 'MISSED'> {
  const v = (ok: boolean) => (ok ? 'met' : 'MISSED');
  return {
    clearS: v(f.clearS <= TARGETS.clearS),
    rssMb: v(f.rssMb <= TARGETS.rssMb),
    holdsCapturesPerS: v(f.holdsCapturesPerS >= TARGETS.holdsCapturesPerS),
    p99MsAt500: v(f.p99MsAt500 <= TARGETS.p99MsAt500),
    sweeperLagP99S: v(f.sweeperLagP99S <= TARGETS.sweeperLagP99S),
  };
}
