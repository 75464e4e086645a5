import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { BehaviourEvent, EventItemResult, EventReceipt } from '@tanlian/sdk';
import { eventReference } from '@tanlian/sdk';
import { DataSource } from 'typeorm';
import { eventNotConfirmed } from '../ingest-errors';
import { inboxRow } from '../inbox-row';
import type { Participant } from '../../tenancy/entities/participant.entity';
import type { Program } from '../../tenancy/entities/program.entity';
import { admitEvent } from './event-admission';
import { eventBodyHash } from './event-body-hash';
import { CreditingWakeups } from './crediting-wakeups';
import { InboxInsert, inboxKey, storeInboxRows } from './inbox-store';
import { IngestLookups } from './ingest-lookups';
import { SingleEventInserts } from './single-event-inserts';

interface Candidate {
  index: number;
  event: BehaviourEvent;
  hash: Buffer;
}

/**
 * Stores an operator's events in the inbox, exactly once per (program, operator, event id), before
 * the operator hears back. Each event is judged on its own: a batch may be partly accepted.
 */
@Injectable()
export class EventIntake {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly lookups: IngestLookups,
    private readonly wakeups: CreditingWakeups,
    private readonly singles: SingleEventInserts,
  ) {}

  /** `fieldPrefix(i)` names an item in errors: '' for a single event, `events[i]` in a batch. */
  async accept(
    program: Program,
    operator: Participant,
    items: unknown[],
    fieldPrefix: (index: number) => string,
    now = new Date(),
  ): Promise<EventItemResult[]> {
    const rules = {
      acceptanceWindowHours: program.acceptanceWindowHours,
      published: await this.lookups.published(program.id),
      now,
    };
    const results: EventItemResult[] = new Array(items.length);
    const candidates: Candidate[] = [];
    items.forEach((raw, index) => {
      const admission = admitEvent(raw, fieldPrefix(index), rules);
      if (admission.ok)
        candidates.push({ index, event: admission.event, hash: eventBodyHash(admission.event) });
      else
        results[index] = { index, id: idOf(raw), outcome: 'invalid', errors: admission.problems };
    });

    if (candidates.length > 0) {
      const events = candidates.map(({ event, hash }): InboxInsert => ({
        programId: program.id,
        operatorId: operator.id,
        eventId: event.id,
        hash,
        receivedAt: now,
        values: inboxRow(program.id, operator.id, event, hash, now),
      }));
      // A lone event joins other requests' lone events in one statement when they arrive together.
      const stored =
        events.length === 1
          ? new Map([
              [
                inboxKey(program.id, operator.id, events[0].eventId),
                await this.singles.store(events[0]),
              ],
            ])
          : await storeInboxRows(this.dataSource.manager, events);
      let fresh = false;
      for (const c of candidates) {
        const row = stored.get(inboxKey(program.id, operator.id, c.event.id));
        if (!row) {
          // Not stored even after upserting again (see storeInboxRows): nothing is lost — a retry
          // gets the stored event's receipt — so ask the operator to retry.
          throw eventNotConfirmed(c.event.id);
        }
        if (row.body_hash.equals(c.hash)) {
          results[c.index] = {
            index: c.index,
            id: c.event.id,
            outcome: 'accepted',
            receipt: receiptOf(c.event.id, row),
          };
          fresh ||= row.received_at.getTime() === now.getTime();
        } else {
          results[c.index] = {
            index: c.index,
            id: c.event.id,
            outcome: 'conflict',
            errors: [
              {
                field: fieldPrefix(c.index) ? `${fieldPrefix(c.index)}.id` : 'id',
                reason: 'was already used for an event with a different body',
              },
            ],
          };
        }
      }
      if (fresh) this.wakeups.wake(program.id);
    }
    return results;
  }
}

function receiptOf(id: string, row: { id: string; received_at: Date }): EventReceipt {
  return { id, reference: eventReference(row.id), receivedAt: row.received_at.toISOString() };
}

function idOf(raw: unknown): string | null {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : null;
}
