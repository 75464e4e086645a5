import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { ParticipantCreate } from '@tanlian/sdk';
import { Repository } from 'typeorm';
import { isDuplicateKey } from '../../database/mysql-errors';
import { participantCodeTaken } from '../tenancy-errors';
import { placeholders, type SqlRunner } from '../../database/sql';
import { Participant } from '../entities/participant.entity';

/** Participants always belong to one program; every query here takes the program id. */
@Injectable()
export class ParticipantsStore {
  constructor(
    @InjectRepository(Participant) private readonly participants: Repository<Participant>,
  ) {}

  async create(programId: number, input: ParticipantCreate): Promise<Participant> {
    const row = this.participants.create({
      programId,
      code: input.code,
      name: input.name,
      isOperator: input.roles.includes('operator'),
      isMerchant: input.roles.includes('merchant'),
      fundingMode: input.fundingMode ?? null,
    });
    try {
      return await this.participants.save(row);
    } catch (err) {
      if (isDuplicateKey(err)) {
        throw participantCodeTaken(input.code);
      }
      throw err;
    }
  }

  findByCode(programId: number, code: string): Promise<Participant | null> {
    return this.participants.findOneBy({ programId, code });
  }

  findById(id: number): Promise<Participant | null> {
    return this.participants.findOneBy({ id });
  }

  list(programId: number): Promise<Participant[]> {
    return this.participants.find({ where: { programId }, order: { id: 'ASC' } });
  }
}

// Statements for other modules' transactions: `db` is the caller's.

/** A program's operators by id: code and funding mode (postpaid unless set). */
export async function operatorsOf(
  db: SqlRunner,
  programId: number,
): Promise<Map<number, { code: string; fundingMode: 'prepaid' | 'postpaid' }>> {
  const rows: { id: number; code: string; funding_mode: 'prepaid' | 'postpaid' | null }[] =
    await db.query(
      'SELECT id, code, funding_mode FROM participants WHERE program_id = ? AND is_operator',
      [programId],
    );
  return new Map(
    rows.map((o) => [o.id, { code: o.code, fundingMode: o.funding_mode ?? 'postpaid' }]),
  );
}

/** Participants' codes by id. */
export async function participantCodes(db: SqlRunner, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows: { id: number; code: string }[] = await db.query(
    `SELECT id, code FROM participants WHERE id IN (${placeholders(ids)})`,
    ids,
  );
  return new Map(rows.map((r) => [Number(r.id), r.code]));
}

/** A participant's code and its program's code, or null. */
export async function participantScope(
  db: SqlRunner,
  participantId: number,
): Promise<{ program: string; participant: string } | null> {
  const [row]: { program: string; participant: string }[] = await db.query(
    `SELECT p.code AS program, o.code AS participant
       FROM participants o JOIN programs p ON p.id = o.program_id WHERE o.id = ?`,
    [participantId],
  );
  return row ?? null;
}

/** Participants' codes and names by id (what a public page shows of a merchant). */
export async function participantNames(
  db: SqlRunner,
  ids: number[],
): Promise<Map<number, { code: string; name: string }>> {
  if (ids.length === 0) return new Map();
  const rows: { id: number; code: string; name: string }[] = await db.query(
    `SELECT id, code, name FROM participants WHERE id IN (${placeholders(ids)})`,
    ids,
  );
  return new Map(rows.map((r) => [Number(r.id), { code: r.code, name: r.name }]));
}
