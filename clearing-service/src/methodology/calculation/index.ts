// The pure side of the methodology module: no Nest, no database. Other modules import from here.
export type { Activity, CalculationContext } from './activity';
export { windowContains, windowsOverlap, type EffectiveWindow } from './effective-window';
export { describeFormula } from './formula';
export { pickInForce } from './pick-in-force';
export { checkPlausibility, type ImplausibleReason, type PlausibilityResult } from './plausibility';
export { labelOf, type PublishedMethodology } from './published-methodology';
export { calculateReduction, type Reduction } from './reduction';
export { wholePoints } from './whole-points';
