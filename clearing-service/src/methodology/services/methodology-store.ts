import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { pickInForce } from '../calculation/pick-in-force';
import type { PublishedMethodology } from '../calculation/published-methodology';
import { Methodology } from '../entities/methodology.entity';
import { methodologyNotFound } from './methodology-errors';
import { publishedMethodologyOf } from './published-methodology.mapper';

export type { PublishedMethodology } from '../calculation/published-methodology';

/**
 * What a program has published: for the crediting worker (in force, all published) and for the
 * public (published and retired; drafts never). Every query takes the program id.
 */
@Injectable()
export class MethodologyStore {
  constructor(
    @InjectRepository(Methodology) private readonly methodologies: Repository<Methodology>,
  ) {}

  /** The published version for `behaviour` whose effective window contains `at`, or null. */
  async inForce(
    programId: number,
    behaviour: string,
    at: Date,
  ): Promise<PublishedMethodology | null> {
    const rows = await this.methodologies.findBy({ programId, behaviour, status: 'published' });
    return pickInForce(rows.map(publishedMethodologyOf), behaviour, at);
  }

  /** All published versions of a program (the crediting worker caches these per batch). Retired ones are out of force. */
  async published(programId: number): Promise<PublishedMethodology[]> {
    const rows = await this.methodologies.find({
      where: { programId, status: 'published' },
      order: { behaviour: 'ASC', effectiveFrom: 'ASC', id: 'ASC' },
    });
    return rows.map(publishedMethodologyOf);
  }

  /** The public list: published and retired, newest publication first. */
  listPublic(programId: number, behaviour?: string): Promise<Methodology[]> {
    return this.methodologies.find({
      where: {
        programId,
        status: In(['published', 'retired']),
        ...(behaviour ? { behaviour } : {}),
      },
      order: { publishedAt: 'DESC', id: 'DESC' },
    });
  }

  /** One published or retired version; a draft answers 404 exactly like a missing one. */
  async getPublic(programId: number, code: string, version: number): Promise<Methodology> {
    const row = await this.methodologies.findOneBy({
      programId,
      code,
      version,
      status: In(['published', 'retired']),
    });
    if (!row) throw methodologyNotFound(code, version);
    return row;
  }
}
