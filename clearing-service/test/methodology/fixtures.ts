import { MethodologyDefinition, type MethodologyDefinitionInput } from '@tanlian/sdk';
import type { PublishedMethodology } from '../../src/methodology/calculation';
import { contentHashOf } from '../../src/methodology/content/content-hash';
import { SHENZHEN_METHODOLOGIES } from '../../src/methodology/seed/shenzhen';

let nextId = 1;

/** A published methodology built from a definition, as the catalog would hand it out. */
export function published(
  code: string,
  input: MethodologyDefinitionInput,
  version = 1,
): PublishedMethodology {
  const definition = MethodologyDefinition.parse(input);
  return {
    id: nextId++,
    programId: 1,
    code,
    version,
    behaviour: definition.behaviour,
    model: definition.model,
    definition,
    contentHash: contentHashOf(definition),
    effectiveFrom: new Date(definition.effectiveFrom),
    effectiveTo: definition.effectiveTo === null ? null : new Date(definition.effectiveTo),
  };
}

/** One of the Shenzhen seeds, optionally with parts of its definition replaced. */
export function seed(
  code: string,
  changes: Partial<Record<string, unknown>> = {},
): PublishedMethodology {
  const entry = SHENZHEN_METHODOLOGIES.find((m) => m.code === code);
  if (!entry) throw new Error(`no seed ${code}`);
  return published(code, { ...entry.definition, ...changes } as MethodologyDefinitionInput);
}
