import type { MethodologyLimits } from '@tanlian/sdk';
import { type Activity, isCount } from './activity';
import { labelOf, type PublishedMethodology, unitOf } from './published-methodology';

export type ImplausibleReason =
  | 'invalid_activity'
  | 'missing_quantity'
  | 'missing_duration'
  | 'too_short'
  | 'too_long'
  | 'too_far'
  | 'implausible_speed'
  | 'too_many_units';

export type PlausibilityResult =
  { ok: true } | { ok: false; reason: ImplausibleReason; message: string };

type Problem = [ImplausibleReason, string] | null;

/**
 * Whether an activity is believable under the methodology's limits. Every limit is inclusive:
 * exactly at the limit passes, one over fails. The first problem found is reported, its message
 * naming the methodology and the numbers.
 */
export function checkPlausibility(m: PublishedMethodology, activity: Activity): PlausibilityResult {
  const limits = m.definition.limits ?? {};
  const problem =
    shapeProblem(m, activity) ??
    durationProblem(m, activity, limits) ??
    quantityProblem(m, activity, limits);
  if (!problem) return { ok: true };
  const [reason, message] = problem;
  return { ok: false, reason, message: `${labelOf(m)}: ${message}` };
}

/** Whole non-negative numbers only, and the quantity the model reads must be there. */
function shapeProblem(m: PublishedMethodology, activity: Activity): Problem {
  for (const field of ['distanceM', 'durationS', 'units'] as const) {
    const value = activity[field];
    if (value !== undefined && !isCount(value))
      return ['invalid_activity', `${field} ${String(value)} is not a non-negative whole number`];
  }
  const { model } = m.definition;
  if (model === 'per_distance' && activity.distanceM === undefined)
    return ['missing_quantity', 'per_distance needs distanceM (metres)'];
  if ((model === 'per_unit' || model === 'baseline_diff') && activity.units === undefined)
    return ['missing_quantity', `${model} needs units`];
  return null;
}

function durationProblem(
  m: PublishedMethodology,
  { durationS }: Activity,
  limits: MethodologyLimits,
): Problem {
  const speedLimited = m.definition.model === 'per_distance' && limits.maxSpeedKmh !== undefined;
  const needed =
    speedLimited || limits.minDurationS !== undefined || limits.maxDurationS !== undefined;
  if (durationS === undefined)
    return needed
      ? ['missing_duration', 'durationS (seconds) is needed to check the limits']
      : null;
  if (limits.minDurationS !== undefined && durationS < limits.minDurationS)
    return ['too_short', `${durationS} s is below the minimum of ${limits.minDurationS} s`];
  if (limits.maxDurationS !== undefined && durationS > limits.maxDurationS)
    return ['too_long', `${durationS} s is above the maximum of ${limits.maxDurationS} s`];
  return null;
}

function quantityProblem(
  m: PublishedMethodology,
  { distanceM, durationS, units }: Activity,
  limits: MethodologyLimits,
): Problem {
  const { model } = m.definition;
  if (model === 'per_distance' && distanceM !== undefined) {
    if (limits.maxDistanceM !== undefined && distanceM > limits.maxDistanceM)
      return ['too_far', `${distanceM} m is above the maximum of ${limits.maxDistanceM} m`];
    // durationProblem has made sure a duration is there when a speed limit is.
    if (limits.maxSpeedKmh !== undefined && tooFast(distanceM, durationS!, limits.maxSpeedKmh))
      return [
        'implausible_speed',
        `${distanceM} m in ${durationS} s is ${speedText(distanceM, durationS!)}, ` +
          `above the ${limits.maxSpeedKmh} km/h limit`,
      ];
  }
  if ((model === 'per_unit' || model === 'baseline_diff') && units !== undefined) {
    if (limits.maxUnits !== undefined && units > limits.maxUnits)
      return [
        'too_many_units',
        `${units} ${unitOf(m.definition)} is above the maximum of ${limits.maxUnits}`,
      ];
  }
  return null;
}

/** distanceM / durationS × 3.6 > maxSpeedKmh, in integers: distanceM × 3600 > maxSpeedKmh × 1000 × durationS. */
function tooFast(distanceM: number, durationS: number, maxSpeedKmh: number): boolean {
  return BigInt(distanceM) * 3600n > BigInt(maxSpeedKmh) * 1000n * BigInt(durationS);
}

/**
 * km/h to two decimals, rounded up so a speed over the limit never prints as equal to it, without
 * floats: hundredths = ceil(distanceM × 360 / durationS).
 */
function speedText(distanceM: number, durationS: number): string {
  if (durationS === 0) return 'an unbounded speed';
  const d = BigInt(durationS);
  const hundredths = (BigInt(distanceM) * 360n + d - 1n) / d;
  return `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')} km/h`;
}
