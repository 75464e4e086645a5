import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { ParticipantCreate } from '@tanlian/sdk';
import { Repository } from 'typeorm';
import { isDuplicateKey } from '../../database/mysql-errors';
import { participantCodeTaken } from '../tenancy-errors';
import { Participant } from '../entities/participant.entity';

/** Participants always belong to one program; every query here takes the program id. */
@Injectable()
export class ParticipantsService {
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
