import { Injectable } from '@nestjs/common';
import { ShortLivedCache } from '../../cache/short-lived-cache';
import type { PublishedMethodology } from '../../methodology/calculation';
import { MethodologyStore } from '../../methodology/services/methodology-store';
import type { Participant } from '../../tenancy/entities/participant.entity';
import type { Program } from '../../tenancy/entities/program.entity';
import { ParticipantsStore } from '../../tenancy/services/participants-store';
import { ProgramsStore } from '../../tenancy/services/programs-store';
import {
  type LiveVerifyingKeys,
  WebhookKeysStore,
} from '../../tenancy/services/webhook-keys-store';

/**
 * What every push needs before it can be judged — the program, the operator, its live signing
 * keys, the published methodologies — read through a one-second cache, so a steady stream of
 * pushes costs one lookup per second instead of four per request. Key revocations made through
 * this process apply at once; made elsewhere, within a second.
 */
export const INGEST_LOOKUP_TTL_MS = 1000;

@Injectable()
export class IngestLookups {
  private readonly scopes = new ShortLivedCache<{ program: Program; operator: Participant } | null>(
    INGEST_LOOKUP_TTL_MS,
  );
  private readonly keys = new ShortLivedCache<LiveVerifyingKeys>(INGEST_LOOKUP_TTL_MS);
  private readonly methodologies = new ShortLivedCache<PublishedMethodology[]>(
    INGEST_LOOKUP_TTL_MS,
  );

  constructor(
    private readonly programs: ProgramsStore,
    private readonly participants: ParticipantsStore,
    private readonly secrets: WebhookKeysStore,
    private readonly catalog: MethodologyStore,
  ) {
    secrets.onChange((participantId) => this.keys.invalidate(String(participantId)));
  }

  /** The program and the operator a push names, or null when either does not exist. */
  scope(
    programCode: string,
    operatorCode: string,
  ): Promise<{ program: Program; operator: Participant } | null> {
    return this.scopes.get(`${programCode}|${operatorCode}`, async () => {
      const program = await this.programs.findByCode(programCode);
      const operator = program && (await this.participants.findByCode(program.id, operatorCode));
      return program && operator && operator.isOperator ? { program, operator } : null;
    });
  }

  verifyingKeys(operatorId: number): Promise<LiveVerifyingKeys> {
    return this.keys.get(String(operatorId), () => this.secrets.liveVerifyingKeys(operatorId));
  }

  published(programId: number): Promise<PublishedMethodology[]> {
    return this.methodologies.get(String(programId), () => this.catalog.published(programId));
  }
}
