// The kept dataset's plan and the check that a database holds it (pure: unit-tested).

export interface DatasetPlan {
  captures: number;
  /** Every `refundEvery`-th capture is also partly refunded: 1 % at 100. */
  refundEvery: number;
  merchants: number;
  issuers: number;
  residents: number;
}

export function datasetPlan(captures: number): DatasetPlan {
  return {
    captures,
    refundEvery: 100,
    merchants: captures >= 100_000 ? 1_000 : 100,
    issuers: 20,
    // 50 captures per resident: holds of one resident never queue behind each other for long.
    residents: Math.max(200, Math.ceil(captures / 50)),
  };
}

export const refundsOf = (plan: DatasetPlan) => Math.floor(plan.captures / plan.refundEvery);

/** The kept database's name for a plan: bench_clearing_1e6 for a million captures. */
export function datasetName(plan: DatasetPlan): string {
  return `bench_clearing_${plan.captures.toExponential().replace(/\.0*|\+/g, '')}`;
}

/** What the i-th operation of the dataset is: deterministic, so a build resumes where it stopped. */
export function operation(plan: DatasetPlan, i: number) {
  return {
    merchant: (i * 7_919) % plan.merchants,
    resident: i % plan.residents,
    points: 1 + ((i * 31) % 20),
    refund: i % plan.refundEvery === plan.refundEvery - 1,
  };
}

/** Points the refund of operation `i` gives back (half the capture, at least one). */
export const refundPoints = (points: number) => Math.max(1, Math.floor(points / 2));

/** What a database holds, counted in SQL. */
export interface DatasetCounts {
  captures: number;
  refunds: number;
  /** clearing_entries lines stamped with the dataset's cycle. */
  lines: number;
  pairs: number;
  merchants: number;
  issuers: number;
}

/** Why a database is not the plan's dataset (null when it is). */
export function shapeProblem(plan: DatasetPlan, c: DatasetCounts): string | null {
  const wanted: [keyof DatasetCounts, number][] = [
    ['captures', plan.captures],
    ['refunds', refundsOf(plan)],
    ['merchants', plan.merchants],
    ['issuers', plan.issuers],
  ];
  for (const [what, n] of wanted)
    if (c[what] !== n) return `${c[what]} ${what} where the plan has ${n}`;
  if (c.lines < c.captures + c.refunds)
    return `${c.lines} clearing lines for ${c.captures + c.refunds} captures and refunds`;
  if (c.pairs > plan.merchants * plan.issuers)
    return `${c.pairs} pairs: more than merchants × issuers`;
  return null;
}
