import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { MethodologyDefinition, MethodologyDraftCreate } from '@tanlian/sdk';
import { Not, Repository } from 'typeorm';
import { AuditRecords } from '../../audit/services/audit-records';
import { lockProgram } from '../../tenancy/services/programs-store';
import { windowsOverlap } from '../calculation/effective-window';
import { labelOf } from '../calculation/published-methodology';
import { contentHashOf } from '../content/content-hash';
import { definitionColumns } from '../entities/definition-columns';
import { Methodology } from '../entities/methodology.entity';
import {
  behaviourMismatch,
  methodologyImmutable,
  methodologyNotFound,
  methodologyNotPublished,
  methodologyRetired,
  windowOverlap,
} from './methodology-errors';

/**
 * The bureau's side of the registry: drafts, publication, retirement.
 * Every write runs in a transaction holding the program's row lock, so version numbers and the
 * one-in-force-per-behaviour rule hold under concurrent requests (writes are rare; waiting is cheap).
 */
@Injectable()
export class MethodologyRegistry {
  constructor(
    @InjectRepository(Methodology) private readonly methodologies: Repository<Methodology>,
    private readonly audit: AuditRecords,
  ) {}

  /** A new draft, numbered the next version of its code. */
  createDraft(programId: number, input: MethodologyDraftCreate): Promise<Methodology> {
    return this.underProgramLock(programId, async (repo) => {
      const versions = await repo.find({
        where: { programId, code: input.code },
        order: { version: 'DESC' },
      });
      keepBehaviour(input.code, input.definition, versions);
      const inserted = await repo.insert({
        programId,
        code: input.code,
        version: (versions[0]?.version ?? 0) + 1,
        status: 'draft',
        contentHash: null,
        publishedAt: null,
        retiredAt: null,
        ...definitionColumns(input.definition),
      });
      return repo.findOneByOrFail({ id: inserted.identifiers[0].id as number });
    });
  }

  /** Replaces a draft's definition; anything published is immutable. */
  updateDraft(
    programId: number,
    code: string,
    version: number,
    definition: MethodologyDefinition,
  ): Promise<Methodology> {
    return this.underProgramLock(programId, async (repo) => {
      const row = await findVersion(repo, programId, code, version);
      if (row.status !== 'draft') throw methodologyImmutable(labelOf(row), row.status);
      const others = await repo.findBy({ programId, code, id: Not(row.id) });
      keepBehaviour(code, definition, others);
      await repo.update({ id: row.id, status: 'draft' }, definitionColumns(definition));
      return repo.findOneByOrFail({ id: row.id });
    });
  }

  /**
   * Freezes a draft: its content hash is taken and it may be in force from now on. Refused when
   * its window overlaps a published version of the same behaviour. Publishing twice is a no-op.
   */
  publish(programId: number, code: string, version: number): Promise<Methodology> {
    return this.underProgramLock(programId, async (repo) => {
      const row = await findVersion(repo, programId, code, version);
      if (row.status === 'published') return row;
      if (row.status === 'retired') throw methodologyRetired(labelOf(row));
      const peers = await repo.find({
        where: { programId, behaviour: row.behaviour, status: 'published' },
        order: { effectiveFrom: 'ASC', id: 'ASC' },
      });
      const clash = peers.find((peer) => windowsOverlap(peer, row));
      if (clash) {
        const window = `${clash.definition.effectiveFrom} – ${clash.definition.effectiveTo ?? 'no end'}`;
        throw windowOverlap(labelOf(row), row.behaviour, labelOf(clash), window);
      }
      await repo.update(
        { id: row.id, status: 'draft' },
        {
          status: 'published',
          contentHash: contentHashOf(row.definition),
          publishedAt: new Date(),
        },
      );
      const published = await repo.findOneByOrFail({ id: row.id });
      await this.record(repo, 'methodology_published', published);
      return published;
    });
  }

  /**
   * Takes a published version out of force for good (it stays public, and so do the reductions
   * that name it). Its window is then free for a replacement version. Retiring twice is a no-op.
   */
  retire(programId: number, code: string, version: number): Promise<Methodology> {
    return this.underProgramLock(programId, async (repo) => {
      const row = await findVersion(repo, programId, code, version);
      if (row.status === 'retired') return row;
      if (row.status === 'draft') throw methodologyNotPublished(labelOf(row));
      await repo.update(
        { id: row.id, status: 'published' },
        { status: 'retired', retiredAt: new Date() },
      );
      const retired = await repo.findOneByOrFail({ id: row.id });
      await this.record(repo, 'methodology_retired', retired);
      return retired;
    });
  }

  listDrafts(programId: number): Promise<Methodology[]> {
    return this.methodologies.find({
      where: { programId, status: 'draft' },
      order: { updatedAt: 'DESC', id: 'DESC' },
    });
  }

  /** Every version of a code, any status, oldest first. */
  versionsOf(programId: number, code: string): Promise<Methodology[]> {
    return this.methodologies.find({ where: { programId, code }, order: { version: 'ASC' } });
  }

  /** The bureau's decision goes into the program's public audit log, in the same transaction. */
  private async record(
    repo: Repository<Methodology>,
    kind: 'methodology_published' | 'methodology_retired',
    m: Methodology,
  ): Promise<void> {
    await this.audit.append(repo.manager, m.programId, {
      kind,
      refId: m.id,
      type: kind,
      fields: {
        methodology: {
          label: labelOf(m),
          behaviour: m.behaviour,
          contentHash: m.contentHash,
          effectiveFrom: m.definition.effectiveFrom,
          effectiveTo: m.definition.effectiveTo ?? null,
        },
      },
    });
  }

  private underProgramLock<T>(
    programId: number,
    work: (repo: Repository<Methodology>) => Promise<T>,
  ): Promise<T> {
    return this.methodologies.manager.transaction(async (manager) => {
      await lockProgram(manager, programId);
      return work(manager.getRepository(Methodology));
    });
  }
}

async function findVersion(
  repo: Repository<Methodology>,
  programId: number,
  code: string,
  version: number,
): Promise<Methodology> {
  const row = await repo.findOneBy({ programId, code, version });
  if (!row) throw methodologyNotFound(code, version);
  return row;
}

/** A code names one behaviour across its versions, so `SZ-METRO@2` is still about the metro. */
function keepBehaviour(code: string, definition: MethodologyDefinition, others: Methodology[]) {
  const other = others.find((m) => m.behaviour !== definition.behaviour);
  if (other) throw behaviourMismatch(code, other.behaviour, definition.behaviour);
}
