import type { EntityManager } from 'typeorm';
import { retryOnDeadlock } from '../../database/deadlock-retry';
import { insertRows, placeholders } from '../../database/sql';
import { INBOX_COLUMNS } from '../inbox-row';

/** One event to store: its `inboxRow` values, and what identifies it. */
export interface InboxInsert {
  programId: number;
  operatorId: number;
  eventId: string;
  hash: Buffer;
  receivedAt: Date;
  values: unknown[];
}

/** The stored row of an event: this delivery's, or the one an earlier delivery stored. */
export interface StoredEvent {
  id: string;
  body_hash: Buffer;
  received_at: Date;
}

/** How the results of storeInboxRows are keyed. */
export const inboxKey = (programId: number, operatorId: number, eventId: string): string =>
  `${programId}|${operatorId}|${eventId}`;

const UPSERTS = 3;

/**
 * Stores events exactly once per (program, operator, event id) in ONE multi-row upsert, and returns
 * the stored row of each: a redelivery finds the first delivery's row (body hash, receipt), which
 * also tells a redelivery from a reused id. Events absent after the upsert are upserted again.
 * That happens under concurrent redeliveries: this upsert waited on a concurrent delivery's
 * uncommitted row of the same event, and that delivery was then rolled back (a deadlock victim,
 * retried a few ms later), so neither had stored it when the read-back ran. Upserting again
 * stores it, or waits for the retried delivery and finds its row.
 */
export async function storeInboxRows(
  db: EntityManager,
  events: InboxInsert[],
): Promise<Map<string, StoredEvent>> {
  const stored = new Map<string, StoredEvent>();
  let missing = events;
  for (let attempt = 1; attempt <= UPSERTS && missing.length > 0; attempt++) {
    const inserted = await upsert(db, missing);
    // A single new event needs no read-back: its id is the insert id (0 when the id already
    // existed, as `id = id` leaves the row alone).
    if (missing.length === 1 && inserted.insertId > 0) {
      const [e] = missing;
      stored.set(inboxKey(e.programId, e.operatorId, e.eventId), {
        id: String(inserted.insertId),
        body_hash: e.hash,
        received_at: e.receivedAt,
      });
      break;
    }
    for (const [key, row] of await readBack(db, missing)) stored.set(key, row);
    missing = missing.filter((e) => !stored.has(inboxKey(e.programId, e.operatorId, e.eventId)));
  }
  return stored;
}

function upsert(db: EntityManager, events: InboxInsert[]) {
  // Rows in one key order, so concurrent upserts sharing events take their locks in one order.
  const rows = [...events]
    .sort((a, b) => compare(inboxKeyOrder(a), inboxKeyOrder(b)))
    .map((e) => e.values);
  return retryOnDeadlock(() =>
    insertRows(db, 'inbox_events', INBOX_COLUMNS, rows, 'ON DUPLICATE KEY UPDATE id = id'),
  );
}

const inboxKeyOrder = (e: InboxInsert): [number, number, string] => [
  e.programId,
  e.operatorId,
  e.eventId,
];

function compare(a: [number, number, string], b: [number, number, string]): number {
  if (a[0] !== b[0]) return a[0] - b[0];
  if (a[1] !== b[1]) return a[1] - b[1];
  return a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0;
}

async function readBack(db: EntityManager, events: InboxInsert[]) {
  const byScope = new Map<string, { programId: number; operatorId: number; ids: Set<string> }>();
  for (const e of events) {
    const scope = `${e.programId}|${e.operatorId}`;
    const s = byScope.get(scope) ?? {
      programId: e.programId,
      operatorId: e.operatorId,
      ids: new Set(),
    };
    s.ids.add(e.eventId);
    byScope.set(scope, s);
  }
  const scopes = [...byScope.values()];
  const rows: {
    id: string;
    program_id: number;
    operator_id: number;
    event_id: string;
    body_hash: Buffer;
    received_at: Date;
  }[] = await db.query(
    `SELECT id, program_id, operator_id, event_id, body_hash, received_at FROM inbox_events
      WHERE ${scopes.map((s) => `(program_id = ? AND operator_id = ? AND event_id IN (${placeholders([...s.ids])}))`).join(' OR ')}`,
    scopes.flatMap((s) => [s.programId, s.operatorId, ...s.ids]),
  );
  return new Map(
    rows.map((r) => [
      inboxKey(Number(r.program_id), Number(r.operator_id), r.event_id),
      { id: String(r.id), body_hash: r.body_hash, received_at: r.received_at },
    ]),
  );
}
