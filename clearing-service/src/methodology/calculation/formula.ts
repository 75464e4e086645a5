import type { MethodologyDefinition } from '@tanlian/sdk';
import { unitOf } from './published-methodology';

/** The calculation in words, factors filled in, for people reading a published methodology. */
export function describeFormula(d: MethodologyDefinition): string {
  const cap = d.caps?.perEventMg;
  const capText = cap === undefined ? '' : `, at most ${cap} mg per event`;
  switch (d.model) {
    case 'per_distance':
    case 'per_unit': {
      const unit = unitOf(d);
      const quantity = d.model === 'per_distance' ? 'distance' : 'quantity';
      return `reduction (mg) = floor(${quantity} (${unit}) × ${d.factorMg} mg / ${d.factorPer} ${unit})${capText}`;
    }
    case 'per_event':
      return `reduction (mg) = ${d.eventMg} mg per event${capText}`;
    case 'baseline_diff':
      return (
        `reduction (mg) = floor(max(0, baseline (Wh) − used (Wh)) × ${d.factorMg} mg / ${d.factorPer} Wh)${capText}, ` +
        `baseline = min(${d.cityBaselineWh} Wh, the resident's trailing 7-day average Wh)`
      );
  }
}
