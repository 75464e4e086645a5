// bench:clearing's pure parts: its RESULT line, its verdicts, and the kept dataset's plan and
// shape check (a database of the wrong shape is never reused).
import { parseResultLine } from '../../bench/shared/results-file';
import { resultLine, verdicts } from '../../bench/clearing/result-line';
import {
  datasetName,
  datasetPlan,
  operation,
  refundsOf,
  shapeProblem,
  type DatasetCounts,
} from '../../bench/clearing/shape';

const figures = {
  clearS: 12.345,
  floorS: 3.5,
  rssMb: 401.6,
  holdsCapturesPerS: 1612.4,
  p99MsAt500: 23.45,
  sweeperLagP99S: 1.234,
};

it('writes the RESULT line with its fields in order, ratio = floor ÷ clear', () => {
  const line = resultLine(figures);
  expect(line).toBe(
    'RESULT clear_1m_s=12.35 floor_s=3.50 ratio=0.284 rss_mb=402 holds_captures_per_s=1612 p99_ms_at_500=23.4 sweeper_lag_p99_s=1.23',
  );
  expect(Object.keys(parseResultLine(line))).toEqual([
    'clear_1m_s',
    'floor_s',
    'ratio',
    'rss_mb',
    'holds_captures_per_s',
    'p99_ms_at_500',
    'sweeper_lag_p99_s',
  ]);
});

it('says NaN for a figure it could not measure, and calls it missed', () => {
  const line = resultLine({ ...figures, sweeperLagP99S: NaN });
  expect(line).toContain('sweeper_lag_p99_s=NaN');
  expect(verdicts({ ...figures, sweeperLagP99S: NaN }).sweeperLagP99S).toBe('MISSED');
});

it('judges each figure against its target', () => {
  expect(verdicts(figures)).toEqual({
    clearS: 'met',
    rssMb: 'met',
    holdsCapturesPerS: 'met',
    p99MsAt500: 'met',
    sweeperLagP99S: 'met',
  });
  const bad = verdicts({ ...figures, clearS: 15.01, rssMb: 513, holdsCapturesPerS: 1499 });
  expect([bad.clearS, bad.rssMb, bad.holdsCapturesPerS]).toEqual(['MISSED', 'MISSED', 'MISSED']);
});

it('plans a million captures across 1,000 merchants × 20 issuers with 1 % refunds', () => {
  const plan = datasetPlan(1_000_000);
  expect(plan).toMatchObject({ merchants: 1_000, issuers: 20, residents: 20_000 });
  expect(refundsOf(plan)).toBe(10_000);
  expect(datasetName(plan)).toBe('bench_clearing_1e6');
  expect(datasetName(datasetPlan(10_000))).toBe('bench_clearing_1e4');
  // Every merchant gets captures; exactly every 100th operation refunds.
  const merchants = new Set<number>();
  let refunds = 0;
  let least = Infinity;
  for (let i = 0; i < 10_000; i++) {
    const op = operation(plan, i);
    merchants.add(op.merchant);
    if (op.refund) refunds++;
    least = Math.min(least, op.points);
  }
  expect(merchants.size).toBe(1_000);
  expect(refunds).toBe(100);
  expect(least).toBe(1);
});

describe('the shape check', () => {
  const plan = datasetPlan(10_000);
  const right: DatasetCounts = {
    captures: 10_000,
    refunds: 100,
    lines: 10_250,
    pairs: 1_800,
    merchants: 100,
    issuers: 20,
  };

  it('accepts the planned dataset', () => expect(shapeProblem(plan, right)).toBeNull());

  it.each([
    [{ captures: 9_999 }, '9999 captures where the plan has 10000'],
    [{ refunds: 0 }, '0 refunds where the plan has 100'],
    [{ merchants: 1_000 }, '1000 merchants where the plan has 100'],
    [{ lines: 10_099 }, '10099 clearing lines for 10100 captures and refunds'],
    [{ pairs: 2_001 }, '2001 pairs: more than merchants × issuers'],
  ])('refuses %j', (change, problem) => {
    expect(shapeProblem(plan, { ...right, ...change })).toBe(problem);
  });
});
