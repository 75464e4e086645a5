import { Injectable } from '@nestjs/common';
import { ShortLivedCache } from '../../cache/short-lived-cache';
import { programNotFound } from '../../tenancy/tenancy-errors';
import type { Program } from '../../tenancy/entities/program.entity';
import { ProgramsStore } from '../../tenancy/services/programs-store';

/**
 * The program a public audit route names. Public routes are not resolved by the access guard, and
 * every proof request names its program, so the lookup is cached (programs never change).
 */
@Injectable()
export class AuditPrograms {
  private readonly byCode = new ShortLivedCache<Program>(60_000);

  constructor(private readonly programs: ProgramsStore) {}

  find(code: string): Promise<Program> {
    return this.byCode.get(code, async () => {
      const program = await this.programs.findByCode(code);
      // Thrown, so not remembered: a program created a moment later is found at once.
      if (!program) throw programNotFound(code);
      return program;
    });
  }
}
