import { Injectable } from '@nestjs/common';
import type { ParticipantEventType } from '@tanlian/sdk';
import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { participantScope } from '../../tenancy/services/participants-store';
import { CallbackWakeups } from './callback-wakeups';

// Wake-ups are queued before the caller commits; a little delay lets the commit land first.
const WAKE_DELAY_MS = 500;

/** A participant event: whom it is for, its type, and its own fields (beside the envelope's). */
export interface ParticipantEvent {
  programId: number;
  participantId: number;
  type: ParticipantEventType;
  fields: Record<string, unknown>;
}

/**
 * The outbox of participant events (a merchant's `redemption.*`, `refund.succeeded`; clearing's
 * `cycle.closed`, `statement.available`). Call `enqueue` in the transaction of the effect: the
 * delivery then exists exactly when the effect committed, and is sent (signed, retried with
 * backoff) like an operator's results. A participant without a live callback gets nothing: what
 * happens while callbacks are off is not sent later.
 */
@Injectable()
export class ParticipantEvents {
  constructor(private readonly wakeups: CallbackWakeups) {}

  /** Answers the delivery's id (the webhook-id), or null when the participant has no callback. */
  async enqueue(db: EntityManager, event: ParticipantEvent): Promise<string | null> {
    const [live]: unknown[] = await db.query(
      `SELECT participant_id FROM participant_callbacks
        WHERE participant_id = ? AND program_id = ? AND disabled_at IS NULL`,
      [event.participantId, event.programId],
    );
    if (!live) return null;
    const scope = (await participantScope(db, event.participantId))!;
    const now = new Date();
    const payload = JSON.stringify({
      type: event.type,
      program: scope.program,
      participant: scope.participant,
      occurredAt: now.toISOString(),
      ...event.fields,
    });
    const id = `cbd_${randomBytes(8).toString('hex')}`;
    await db.query(
      `INSERT INTO callback_deliveries
         (id, program_id, participant_id, type, payload, status, attempts, next_attempt_at, created_at)
       VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?)`,
      [id, event.programId, event.participantId, event.type, payload, now, now],
    );
    this.wakeups.wake(id, 1, WAKE_DELAY_MS);
    return id;
  }
}
