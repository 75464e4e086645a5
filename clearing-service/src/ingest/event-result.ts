import type { EventStatus, EventStatusView } from '@tanlian/sdk';
import { eventReference } from './entities/inbox-event.entity';

/**
 * An event's result as operators read it (GET …/events/{eventId}) and as callbacks carry it: the
 * inbox row `e`, what crediting decided (`event_outcomes`) and its reduction. Select
 * EVENT_RESULT_COLUMNS from `inbox_events e` joined by EVENT_RESULT_JOINS.
 */
export const EVENT_RESULT_COLUMNS = `e.id, e.event_id, e.status, o.reason, e.received_at, o.processed_at,
  o.overlaps_event_id, r.reduction_mg, r.points`;
export const EVENT_RESULT_JOINS = `LEFT JOIN event_outcomes o ON o.inbox_event_id = e.id
  LEFT JOIN reductions r ON r.inbox_event_id = e.id`;

export interface EventResultRow {
  id: string;
  event_id: string;
  status: EventStatus;
  reason: string | null;
  received_at: Date;
  processed_at: Date | null;
  overlaps_event_id: string | null;
  reduction_mg: string | null;
  points: string | null;
}

export function eventResultView(r: EventResultRow): EventStatusView {
  return {
    id: r.event_id,
    reference: eventReference(r.id),
    status: r.status,
    reason: r.reason,
    receivedAt: r.received_at.toISOString(),
    processedAt: r.processed_at?.toISOString() ?? null,
    reductionMg: r.reduction_mg,
    points: r.points,
    overlapsWith: r.overlaps_event_id ? eventReference(r.overlaps_event_id) : null,
  };
}
