import { Injectable } from '@nestjs/common';
import type { CycleEventPayload } from '@tanlian/sdk';
import { ParticipantEvents } from '../../callbacks/services/participant-events-writer';
import type { SqlRunner } from '../../database/sql';
import type { EntityManager } from 'typeorm';
import { PLATFORM } from '../files/cycle-facts';
import { cycleParticipants } from './clearing-entries-store';
import { cycleBySeq, type CycleRow } from './cycles-store';
import { filesOf } from './files-store';

/**
 * A cycle's webhooks to its participants (each merchant and issuer with a line in it), written
 * through the participant-events outbox in the step's own transaction: a step that has already
 * happened does nothing, so a re-run sends nothing twice.
 */
@Injectable()
export class CycleEvents {
  constructor(private readonly events: ParticipantEvents) {}

  /** `cycle.closed`, at CLOSED: its lines are final. */
  async closed(db: EntityManager, programId: number, seq: number): Promise<void> {
    const cycle = (await cycleBySeq(db, programId, seq, false))!;
    for (const participantId of await cycleParticipants(db, programId, seq)) {
      await this.events.enqueue(db, {
        programId,
        participantId,
        type: 'cycle.closed',
        fields: { cycle: cycleOf(cycle) },
      });
    }
  }

  /** `statement.available`, at ISSUED: each participant's statement files, by id. */
  async statementsAvailable(db: EntityManager, programId: number, cycle: CycleRow): Promise<void> {
    const byParticipant = await statementsByParticipant(db, cycle.id);
    for (const [participantId, statements] of byParticipant) {
      await this.events.enqueue(db, {
        programId,
        participantId,
        type: 'statement.available',
        fields: { cycle: cycleOf(cycle), statements },
      });
    }
  }
}

type Fields = Omit<CycleEventPayload, 'type' | 'program' | 'participant' | 'occurredAt'>;

function cycleOf(cycle: CycleRow): Fields['cycle'] {
  return { sequence: cycle.seq, tradeDate: cycle.tradeDate!, valueDate: cycle.valueDate! };
}

async function statementsByParticipant(
  db: SqlRunner,
  cycleId: number,
): Promise<Map<number, NonNullable<Fields['statements']>>> {
  const byParticipant = new Map<number, NonNullable<Fields['statements']>>();
  for (const f of await filesOf(db, cycleId, null)) {
    if (f.kind !== 'statement' || f.participantId === PLATFORM) continue;
    const list = byParticipant.get(f.participantId) ?? [];
    list.push({ id: String(f.id), format: f.format, name: f.name, sha256: f.sha256 });
    byParticipant.set(f.participantId, list);
  }
  return byParticipant;
}
