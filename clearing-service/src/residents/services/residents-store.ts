import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { placeholders, type SqlRunner } from '../../database/sql';
import { ResidentBinding } from '../entities/resident-binding.entity';

/** The lookups other modules need of residents: crediting finds residents through bindings. */
@Injectable()
export class ResidentsStore {
  constructor(
    @InjectRepository(ResidentBinding) private readonly bindings: Repository<ResidentBinding>,
  ) {}

  /**
   * The resident behind each of an operator's user ids, for those that are bound:
   * external user id → resident id. Ids without a binding are simply absent from the map.
   */
  async residentFor(
    programId: number,
    participantId: number,
    externalUserIds: string[],
  ): Promise<Map<string, number>> {
    const wanted = [...new Set(externalUserIds)];
    if (wanted.length === 0) return new Map();
    const rows = await this.bindings.find({
      select: { externalUserId: true, residentId: true },
      where: { programId, participantId, externalUserId: In(wanted) },
    });
    return new Map(rows.map((row) => [row.externalUserId, row.residentId]));
  }

  /**
   * residentFor for several operators in one query (a crediting batch mixes operators):
   * `operatorId|externalUserId` → resident id, for the bound ones.
   */
  async residentsFor(
    programId: number,
    usersByOperator: Map<number, Set<string>>,
  ): Promise<Map<string, number>> {
    const where = [...usersByOperator]
      .filter(([, users]) => users.size > 0)
      .map(([participantId, users]) => ({
        programId,
        participantId,
        externalUserId: In([...users]),
      }));
    if (where.length === 0) return new Map();
    const rows = await this.bindings.find({
      select: { participantId: true, externalUserId: true, residentId: true },
      where,
    });
    return new Map(rows.map((r) => [`${r.participantId}|${r.externalUserId}`, r.residentId]));
  }
}

/**
 * Locks the residents (their rows) that no other transaction holds, and returns them. SKIP LOCKED:
 * a crediting batch never waits for another here, it leaves those residents' events for later.
 */
export async function lockResidents(
  db: SqlRunner,
  residents: (number | null)[],
): Promise<Set<number>> {
  const ids = [...new Set(residents.filter((r): r is number => r !== null))];
  if (ids.length === 0) return new Set();
  const rows: { id: number }[] = await db.query(
    `SELECT id FROM residents WHERE id IN (${placeholders(ids)}) ORDER BY id FOR UPDATE SKIP LOCKED`,
    ids,
  );
  return new Set(rows.map((r) => Number(r.id)));
}
