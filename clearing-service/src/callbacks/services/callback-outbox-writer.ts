import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { insertRows, placeholders } from '../../database/sql';
import { CallbackWakeups } from './callback-wakeups';

// One POST carries at most this many results, whatever the crediting batch size.
export const MAX_RESULTS_PER_DELIVERY = 500;
// Wake-ups are queued before the batch commits; a little delay lets the commit land first.
const WAKE_DELAY_MS = 500;

/**
 * A decided event (its status is final): the operator that sent it and its inbox id. Callbacks'
 * own input, so that callbacks imports nothing of crediting (crediting maps its decisions to it).
 */
export interface DecidedEvent {
  operatorId: number;
  inboxId: number;
}

/**
 * The outbox of callbacks. Called inside the crediting batch's transaction, so a delivery exists
 * exactly when the statuses it reports committed: none for a rolled-back batch, never a final
 * status without its pending callback. Costs one SELECT and two bulk INSERTs per batch, and
 * nothing more when no operator of the batch has a callback.
 */
@Injectable()
export class CallbackOutbox {
  constructor(private readonly wakeups: CallbackWakeups) {}

  async enqueue(db: EntityManager, programId: number, events: DecidedEvent[]): Promise<void> {
    if (events.length === 0) return;
    const operatorIds = [...new Set(events.map((e) => e.operatorId))];
    const active: { participant_id: number }[] = await db.query(
      `SELECT participant_id FROM participant_callbacks
        WHERE program_id = ? AND participant_id IN (${placeholders(operatorIds)}) AND disabled_at IS NULL`,
      [programId, ...operatorIds],
    );
    if (active.length === 0) return;
    const wanted = new Set(active.map((a) => a.participant_id));
    const byOperator = new Map<number, number[]>();
    for (const e of events) {
      if (!wanted.has(e.operatorId)) continue;
      const ids = byOperator.get(e.operatorId) ?? [];
      ids.push(e.inboxId);
      byOperator.set(e.operatorId, ids);
    }
    const now = new Date();
    const deliveries: unknown[][] = [];
    const items: unknown[][] = [];
    for (const [operatorId, inboxIds] of byOperator) {
      for (let i = 0; i < inboxIds.length; i += MAX_RESULTS_PER_DELIVERY) {
        const id = `cbd_${randomBytes(8).toString('hex')}`;
        deliveries.push([id, programId, operatorId, 'pending', 0, now, now]);
        for (const inboxId of inboxIds.slice(i, i + MAX_RESULTS_PER_DELIVERY))
          items.push([id, inboxId]);
      }
    }
    await insertRows(
      db,
      'callback_deliveries',
      ['id', 'program_id', 'participant_id', 'status', 'attempts', 'next_attempt_at', 'created_at'],
      deliveries,
    );
    await insertRows(db, 'callback_delivery_events', ['delivery_id', 'inbox_event_id'], items);
    for (const [id] of deliveries) this.wakeups.wake(id as string, 1, WAKE_DELAY_MS);
  }
}
