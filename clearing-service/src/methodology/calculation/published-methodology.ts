import type { CalculationModel, MethodologyDefinition } from '@tanlian/sdk';

/**
 * A published methodology as the rest of the service uses it: immutable, hashed, in force over
 * [effectiveFrom, effectiveTo). `definition` is the authority; the other fields are read from it
 * (or assigned at publication) for convenience.
 */
export interface PublishedMethodology {
  id: number;
  programId: number;
  code: string;
  version: number;
  behaviour: string;
  model: CalculationModel;
  definition: MethodologyDefinition;
  contentHash: string;
  effectiveFrom: Date;
  /** Exclusive; null when the window has no end. */
  effectiveTo: Date | null;
}

/** `SZ-METRO@2`: how reductions, messages and people name one version. */
export function labelOf(m: Pick<PublishedMethodology, 'code' | 'version'>): string {
  return `${m.code}@${m.version}`;
}

/** The unit of a definition's quantity, as formulas and messages print it. */
export function unitOf(definition: MethodologyDefinition): string {
  switch (definition.model) {
    case 'per_distance':
      return 'm';
    case 'per_unit':
      return definition.unit;
    case 'baseline_diff':
      return 'Wh';
    case 'per_event':
      return 'event';
  }
}
