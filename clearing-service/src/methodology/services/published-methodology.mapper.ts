import type { PublishedMethodology } from '../calculation/published-methodology';
import type { Methodology } from '../entities/methodology.entity';

/** A published (or retired) row as the calculation sees it. */
export function publishedMethodologyOf(row: Methodology): PublishedMethodology {
  if (row.contentHash === null) throw new Error(`methodology ${row.id} is a draft`);
  return {
    id: row.id,
    programId: row.programId,
    code: row.code,
    version: row.version,
    behaviour: row.behaviour,
    model: row.model,
    definition: row.definition,
    contentHash: row.contentHash,
    effectiveFrom: row.effectiveFrom,
    effectiveTo: row.effectiveTo,
  };
}
