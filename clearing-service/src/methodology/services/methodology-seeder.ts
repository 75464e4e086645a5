import { Injectable } from '@nestjs/common';
import { MethodologyDefinition } from '@tanlian/sdk';
import { contentHashOf } from '../content/content-hash';
import type { Methodology } from '../entities/methodology.entity';
import { SHENZHEN_METHODOLOGIES, type SeedMethodology } from '../seed/shenzhen';
import { MethodologyRegistry } from './methodology-registry';

/** Publishes a set of real factors into a program, for the demo and for tests. */
@Injectable()
export class MethodologySeeder {
  constructor(private readonly registry: MethodologyRegistry) {}

  /**
   * Idempotent: a seed whose exact definition (same content hash) is already there is kept, and
   * published if it stopped at the draft; otherwise a new version is created and published.
   */
  async seedMethodologies(
    programId: number,
    seed: SeedMethodology[] = SHENZHEN_METHODOLOGIES,
  ): Promise<Methodology[]> {
    const seeded: Methodology[] = [];
    for (const entry of seed) {
      const definition = MethodologyDefinition.parse(entry.definition);
      const hash = contentHashOf(definition);
      const versions = await this.registry.versionsOf(programId, entry.code);
      const same = versions.find((v) => contentHashOf(v.definition) === hash);
      const draft =
        same ?? (await this.registry.createDraft(programId, { code: entry.code, definition }));
      seeded.push(
        draft.status === 'draft'
          ? await this.registry.publish(programId, draft.code, draft.version)
          : draft,
      );
    }
    return seeded;
  }
}
