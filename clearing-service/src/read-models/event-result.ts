import {
  eventNumberOf,
  eventReference,
  type EventStatus,
  type EventStatusView,
  type OperatorEventItem,
  type OperatorEventsPage,
  type OperatorEventsQuery,
} from '@tanlian/sdk';
import { placeholders, type SqlRunner } from '../database/sql';

/**
 * An event's result as operators read it (GET …/events/{eventId}) and as callbacks carry it: its
 * inbox row (ingest), what crediting decided (`event_outcomes`) and its reduction (crediting).
 * An accepted event shows no reason: one handed back to `accepted` keeps its earlier outcome row
 * until it is decided again.
 */
const EVENT_COLUMNS = `e.id, e.event_id, e.status, IF(e.status = 'accepted', NULL, o.reason) AS reason,
       e.received_at, o.processed_at, o.overlaps_event_id, r.reduction_mg, r.points`;
const EVENT_JOINS = `
  FROM inbox_events e
  LEFT JOIN event_outcomes o ON o.inbox_event_id = e.id
  LEFT JOIN reductions r ON r.inbox_event_id = e.id`;
const EVENT_RESULT = `SELECT ${EVENT_COLUMNS}${EVENT_JOINS}`;

interface EventResultRow {
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

/** The result of the operator's event, or null when it has no such event. */
export async function eventResult(
  db: SqlRunner,
  programId: number,
  operatorId: number,
  eventId: string,
): Promise<EventStatusView | null> {
  const [row]: EventResultRow[] = await db.query(
    `${EVENT_RESULT} WHERE e.program_id = ? AND e.operator_id = ? AND e.event_id = ?`,
    [programId, operatorId, eventId],
  );
  return row ? eventResultView(row) : null;
}

/** The results of these inbox rows, in the order they were stored. */
export async function eventResults(db: SqlRunner, inboxIds: string[]): Promise<EventStatusView[]> {
  if (inboxIds.length === 0) return [];
  const rows: EventResultRow[] = await db.query(
    `${EVENT_RESULT} WHERE e.id IN (${placeholders(inboxIds)}) ORDER BY e.id`,
    inboxIds,
  );
  return rows.map(eventResultView);
}

function eventResultView(r: EventResultRow): EventStatusView {
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

interface EventItemRow extends EventResultRow {
  behaviour: string;
  started_at: Date;
  ended_at: Date;
}

/**
 * A page of the operator's events, newest stored first, filtered by status, behaviour and time
 * received. It walks the primary key backwards from the cursor (no index of its own: every index
 * of inbox_events is paid for on each push), so a page of a rare filter reads further.
 */
export async function operatorEventsPage(
  db: SqlRunner,
  programId: number,
  operatorId: number,
  query: OperatorEventsQuery,
): Promise<OperatorEventsPage> {
  const where = ['e.program_id = ?', 'e.operator_id = ?'];
  const params: unknown[] = [programId, operatorId];
  const filter = (sql: string, value: unknown) => {
    where.push(sql);
    params.push(value);
  };
  if (query.after) filter('e.id < ?', eventNumberOf(query.after));
  if (query.status) filter('e.status = ?', query.status);
  if (query.behaviour) filter('e.behaviour = ?', query.behaviour);
  if (query.from) filter('e.received_at >= ?', new Date(query.from));
  if (query.to) filter('e.received_at < ?', new Date(query.to));
  const rows: EventItemRow[] = await db.query(
    `SELECT ${EVENT_COLUMNS}, e.behaviour, e.started_at, e.ended_at${EVENT_JOINS}
      WHERE ${where.join(' AND ')} ORDER BY e.id DESC LIMIT ?`,
    [...params, query.limit + 1],
  );
  const page = rows.slice(0, query.limit);
  return {
    events: page.map(eventItemView),
    next: rows.length > query.limit ? eventReference(page[page.length - 1].id) : null,
  };
}

function eventItemView(r: EventItemRow): OperatorEventItem {
  return {
    ...eventResultView(r),
    behaviour: r.behaviour,
    startedAt: r.started_at.toISOString(),
    endedAt: r.ended_at.toISOString(),
  };
}
