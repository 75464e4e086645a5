import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { ProgramCreate } from '@tanlian/sdk';
import { Repository } from 'typeorm';
import { programCodeTaken } from '../tenancy-errors';
import { isDuplicateKey } from '../../database/mysql-errors';
import { Program } from '../entities/program.entity';

@Injectable()
export class ProgramsService {
  constructor(@InjectRepository(Program) private readonly programs: Repository<Program>) {}

  async create(input: ProgramCreate): Promise<Program> {
    try {
      return await this.programs.save(this.programs.create(input));
    } catch (err) {
      if (isDuplicateKey(err)) throw programCodeTaken(input.code);
      throw err;
    }
  }

  findByCode(code: string): Promise<Program | null> {
    return this.programs.findOneBy({ code });
  }

  findById(id: number): Promise<Program | null> {
    return this.programs.findOneBy({ id });
  }

  list(): Promise<Program[]> {
    return this.programs.find({ order: { id: 'ASC' } });
  }
}
