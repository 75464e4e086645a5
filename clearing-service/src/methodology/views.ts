import type { MethodologyView } from '@tanlian/sdk';
import { describeFormula } from './calculation/formula';
import type { Methodology } from './entities/methodology.entity';

// Entities → the public contract of @tanlian/sdk. Internal ids never leave the service.

export function methodologyView(m: Methodology): MethodologyView {
  return {
    code: m.code,
    version: m.version,
    status: m.status,
    definition: m.definition,
    formula: describeFormula(m.definition),
    contentHash: m.contentHash,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
    publishedAt: m.publishedAt?.toISOString() ?? null,
    retiredAt: m.retiredAt?.toISOString() ?? null,
  };
}
