import type { MethodologyDefinition } from '@tanlian/sdk';
import type { Methodology } from './methodology.entity';

export type DefinitionColumns = Pick<
  Methodology,
  | 'behaviour'
  | 'model'
  | 'definition'
  | 'effectiveFrom'
  | 'effectiveTo'
  | 'factorMg'
  | 'factorPer'
  | 'capPerEventMg'
  | 'capPerDayMg'
  | 'capPerMonthMg'
  | 'capPerDayEvents'
  | 'capPerMonthEvents'
>;

/** The columns a definition fills: itself, and the copies SQL reads. The one place they are derived. */
export function definitionColumns(definition: MethodologyDefinition): DefinitionColumns {
  const caps = definition.caps ?? {};
  const factor =
    definition.model === 'per_event'
      ? { factorMg: definition.eventMg, factorPer: 1 }
      : { factorMg: definition.factorMg, factorPer: definition.factorPer };
  return {
    behaviour: definition.behaviour,
    model: definition.model,
    definition,
    effectiveFrom: new Date(definition.effectiveFrom),
    effectiveTo: definition.effectiveTo === null ? null : new Date(definition.effectiveTo),
    ...factor,
    capPerEventMg: caps.perEventMg ?? null,
    capPerDayMg: caps.perDayMg ?? null,
    capPerMonthMg: caps.perMonthMg ?? null,
    capPerDayEvents: caps.perDayEvents ?? null,
    capPerMonthEvents: caps.perMonthEvents ?? null,
  };
}
