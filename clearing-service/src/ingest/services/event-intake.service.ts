import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { BehaviourEvent, EventItemResult, EventReceipt } from '@tanlian/sdk';
import { DataSource } from 'typeorm';
import { retryOnDeadlock } from '../../database/deadlock-retry';
import { INBOX_COLUMNS, inboxRow } from '../inbox-row';
import { insertRows, placeholders } from '../../database/sql';
import type { Participant } from '../../tenancy/entities/participant.entity';
import type { Program } from '../../tenancy/entities/program.entity';
import { eventReference } from '../entities/inbox-event.entity';
import { admitEvent } from './event-admission';
import { eventBodyHash } from './event-body-hash';
import { CreditingWakeups } from './crediting-wakeups';
import { IngestLookups } from './ingest-lookups';

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
      // Rows in event-id order, so concurrent batches sharing ids take their locks in one order.
      const rows = [...candidates]
        .sort((a, b) => (a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0))
        .map(({ event, hash }) => inboxRow(program.id, operator.id, event, hash, now));
      const inserted = await retryOnDeadlock(() =>
        insertRows(
          this.dataSource.manager,
          'inbox_events',
          INBOX_COLUMNS,
          rows,
          'ON DUPLICATE KEY UPDATE id = id',
        ),
      );
      // A single new event needs no read-back: its id is the insert id (0 when the id already existed,
      // as `id = id` leaves the row alone). Anything else is read back, which also tells a
      // redelivery (same body) from a reused id (another body).
      const stored =
        candidates.length === 1 && inserted.insertId > 0
          ? new Map([
              [
                candidates[0].event.id,
                { id: String(inserted.insertId), body_hash: candidates[0].hash, received_at: now },
              ],
            ])
          : await this.readBack(program.id, operator.id, candidates);
      let fresh = false;
      for (const c of candidates) {
        const row = stored.get(c.event.id);
        if (!row) {
          // Seen a few times in 100k under concurrent redeliveries (cause not yet found): nothing is
          // lost — a retry gets the stored event's receipt — so ask the operator to retry.
          throw new ServiceUnavailableException({
            code: 'retry_later',
            message: `Event ${c.event.id} could not be confirmed; retry the delivery`,
          });
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

  /** Reads the stored rows back, once more after a moment for any a concurrent writer still held. */
  private async readBack(programId: number, operatorId: number, candidates: Candidate[]) {
    const stored = await this.storedRows(programId, operatorId, candidates);
    const missing = candidates.filter((c) => !stored.has(c.event.id));
    if (missing.length === 0) return stored;
    await new Promise((r) => setTimeout(r, 20));
    for (const [id, row] of await this.storedRows(programId, operatorId, missing))
      stored.set(id, row);
    return stored;
  }

  private async storedRows(programId: number, operatorId: number, candidates: Candidate[]) {
    const ids = [...new Set(candidates.map((c) => c.event.id))];
    const rows: { id: string; event_id: string; body_hash: Buffer; received_at: Date }[] =
      await this.dataSource.query(
        `SELECT id, event_id, body_hash, received_at FROM inbox_events
        WHERE program_id = ? AND operator_id = ? AND event_id IN (${placeholders(ids)})`,
        [programId, operatorId, ...ids],
      );
    return new Map(rows.map((r) => [r.event_id, r]));
  }
}

function receiptOf(id: string, row: { id: string; received_at: Date }): EventReceipt {
  return { id, reference: eventReference(row.id), receivedAt: row.received_at.toISOString() };
}

function idOf(raw: unknown): string | null {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : null;
}
