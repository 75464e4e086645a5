import type { EventStatus } from '@tanlian/sdk';
import { insertRows, type SqlRunner } from '../database/sql';
import { setStatuses } from '../ingest/services/inbox-status-store';
import type { Decision } from './crediting-plan';

// What crediting decided about an event: the inbox row keeps only its status; the rest is its row
// in `event_outcomes` (the record-event-outcomes migration says why). An event handed back to
// `accepted` keeps its earlier outcome row until it is decided again; readers show no reason for an
// accepted event.

/**
 * Each event's decision: its inbox row's status (a one-byte ENUM, updated in place; one statement
 * per status) and its outcome row. Upserted: an event waiting for a binding is decided again once
 * its user is bound, and its outcome then replaces the waiting one.
 */
export async function recordOutcomes(
  db: SqlRunner,
  decisions: Decision[],
  reductionIds: Map<number, number>,
  now: Date,
): Promise<void> {
  const outcomes = decisions.map((d) => outcomeOf(d, reductionIds, now));
  const idsByStatus = new Map<EventStatus, number[]>();
  for (const o of outcomes) {
    const ids = idsByStatus.get(o.status) ?? [];
    ids.push(o.id);
    idsByStatus.set(o.status, ids);
  }
  await Promise.all([
    setStatuses(db, idsByStatus),
    insertRows(
      db,
      'event_outcomes',
      OUTCOME_COLUMNS,
      outcomes.map((o) => [o.id, ...o.values]),
      REPLACE_OUTCOME,
    ),
  ]);
}

const OUTCOME_COLUMNS = [
  'inbox_event_id',
  'reason',
  'resident_id',
  'reduction_id',
  'overlaps_event_id',
  'processed_at',
];
// A later decision of the same event (a waiting one, once bound) replaces the earlier outcome.
const REPLACE_OUTCOME = `ON DUPLICATE KEY UPDATE ${OUTCOME_COLUMNS.slice(1)
  .map((c) => `${c} = VALUES(${c})`)
  .join(', ')}`;

/** The status and the outcome row's values (OUTCOME_COLUMNS after the id) of one decision. */
function outcomeOf(
  d: Decision,
  reductionIds: Map<number, number>,
  now: Date,
): { id: number; status: EventStatus; values: unknown[] } {
  const id = d.row.id;
  if (d.kind === 'credit')
    return {
      id,
      status: 'credited',
      values: [d.note, d.residentId, reductionIds.get(id) ?? null, null, now],
    };
  if (d.kind === 'no_credit')
    return { id, status: d.status, values: [d.reason, d.residentId, null, d.overlapsEventId, now] };
  return d.expired
    ? {
        id,
        status: 'rejected',
        values: [
          'binding_window_expired: no resident bound this user in time',
          null,
          null,
          null,
          now,
        ],
      }
    : {
        id,
        status: 'pending_binding',
        values: ['waiting for the resident to bind this operator account', null, null, null, null],
      };
}
