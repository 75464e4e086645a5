import { type Activity, type CalculationContext, isCount } from './activity';
import { mulDivFloor, toSafeNumber } from './integer-math';
import { labelOf, type PublishedMethodology, unitOf } from './published-methodology';

export interface Reduction {
  /** Whole milligrams CO2e: floored once, at the end, then held to the per-event cap. */
  reductionMg: number;
  /** The calculation with its numbers, e.g. `12345 m × 46700 mg / 1000 m = 576511 mg (floor)`. */
  formula: string;
  cappedByPerEvent: boolean;
}

/**
 * The reduction one event earns under `m`. Pure: no clock, no database. Check plausibility first;
 * an activity without the quantity its model reads is a programming error and throws a RangeError.
 * Per-day and per-month caps are not applied here: they need the resident's history.
 */
export function calculateReduction(
  m: PublishedMethodology,
  activity: Activity,
  context: CalculationContext,
): Reduction {
  const { reductionMg, formula } = uncapped(m, activity, context);
  const cap = m.definition.caps?.perEventMg;
  if (cap === undefined || reductionMg <= BigInt(cap)) {
    return { reductionMg: toSafeNumber(reductionMg), formula, cappedByPerEvent: false };
  }
  return {
    reductionMg: cap,
    formula: `${formula}, capped at ${cap} mg per event`,
    cappedByPerEvent: true,
  };
}

function uncapped(
  m: PublishedMethodology,
  activity: Activity,
  context: CalculationContext,
): { reductionMg: bigint; formula: string } {
  const d = m.definition;
  switch (d.model) {
    case 'per_distance':
    case 'per_unit': {
      const quantity = d.model === 'per_distance' ? activity.distanceM : activity.units;
      const q = requireCount(m, d.model === 'per_distance' ? 'distanceM' : 'units', quantity);
      const unit = unitOf(d);
      const mg = mulDivFloor(q, d.factorMg, d.factorPer);
      return {
        reductionMg: mg,
        formula: `${q} ${unit} × ${d.factorMg} mg / ${d.factorPer} ${unit} = ${mg} mg (floor)`,
      };
    }
    case 'per_event':
      return {
        reductionMg: BigInt(d.eventMg),
        formula: `1 event × ${d.eventMg} mg = ${d.eventMg} mg`,
      };
    case 'baseline_diff': {
      const used = requireCount(m, 'units', activity.units);
      const average = context.trailing7DayAvgWh;
      if (average !== null) requireCount(m, 'trailing7DayAvgWh', average);
      // The lower baseline: a resident who already uses less than the city earns only on what they save further.
      const baseline = average === null ? d.cityBaselineWh : Math.min(d.cityBaselineWh, average);
      const saved = Math.max(0, baseline - used);
      const mg = mulDivFloor(saved, d.factorMg, d.factorPer);
      const baselineText =
        average === null
          ? `baseline = city ${d.cityBaselineWh} Wh (no 7-day average)`
          : `baseline = min(city ${d.cityBaselineWh} Wh, 7-day average ${average} Wh) = ${baseline} Wh`;
      return {
        reductionMg: mg,
        formula:
          `${baselineText}; max(0, ${baseline} Wh − ${used} Wh) = ${saved} Wh; ` +
          `${saved} Wh × ${d.factorMg} mg / ${d.factorPer} Wh = ${mg} mg (floor)`,
      };
    }
  }
}

function requireCount(m: PublishedMethodology, field: string, value: number | undefined): number {
  if (!isCount(value))
    throw new RangeError(
      `${labelOf(m)} needs ${field} as a non-negative whole number, got ${String(value)}`,
    );
  return value;
}
