import type { Participant } from '../../tenancy/entities/participant.entity';
import type { Program } from '../../tenancy/entities/program.entity';
import { merchantNotFound } from '../merchants-errors';

/** The path's participant, when it is a merchant: only merchants have stores and offers. */
export function merchantOf(program: Program, participant: Participant): Participant {
  if (!participant.isMerchant) throw merchantNotFound(participant.code, program.code);
  return participant;
}
