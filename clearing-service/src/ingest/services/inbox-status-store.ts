import type { EventStatus } from '@tanlian/sdk';
import { placeholders, type SqlRunner } from '../../database/sql';

// The statements crediting runs on inbox rows, in its own transactions (`db` is the caller's): it
// claims accepted events, records each one's status, and hands waiting events back to `accepted`
// once they can be decided. What it decided beyond the status is crediting's (`event_outcomes`).

/** An accepted event as crediting reads it. */
export interface InboxRow {
  id: number;
  operatorId: number;
  eventId: string;
  behaviour: string;
  externalUser: string;
  startedAt: Date;
  endedAt: Date;
  distanceM: number | null;
  units: number | null;
  district: string | null;
  receivedAt: Date;
}

/** Up to `limit` of the program's accepted events, oldest first, row-locked; rows another batch holds are skipped. */
export async function claimAccepted(
  db: SqlRunner,
  programId: number,
  limit: number,
): Promise<InboxRow[]> {
  const rows: Record<string, unknown>[] = await db.query(
    `SELECT id, operator_id, event_id, behaviour, external_user, started_at, ended_at, distance_m, units, district, received_at
       FROM inbox_events WHERE status = 'accepted' AND program_id = ?
      ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED`,
    [programId, limit],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    operatorId: Number(r.operator_id),
    eventId: String(r.event_id),
    behaviour: String(r.behaviour),
    externalUser: String(r.external_user),
    startedAt: r.started_at as Date,
    endedAt: r.ended_at as Date,
    distanceM: r.distance_m === null ? null : Number(r.distance_m),
    units: r.units === null ? null : Number(r.units),
    district: (r.district as string | null) ?? null,
    receivedAt: r.received_at as Date,
  }));
}

/** Sets each event's status: one statement per status (a one-byte ENUM, updated in place). */
export async function setStatuses(
  db: SqlRunner,
  idsByStatus: Map<EventStatus, number[]>,
): Promise<void> {
  await Promise.all(
    [...idsByStatus].map(([status, ids]) =>
      db.query(`UPDATE inbox_events SET status = ? WHERE id IN (${placeholders(ids)})`, [
        status,
        ...ids,
      ]),
    ),
  );
}

/** A user's waiting events go back to `accepted`: its resident has bound it. */
export async function requeueWaitingOf(
  db: SqlRunner,
  programId: number,
  operatorId: number,
  externalUser: string,
): Promise<void> {
  await db.query(
    `UPDATE inbox_events SET status = 'accepted'
      WHERE program_id = ? AND operator_id = ? AND external_user = ? AND status = 'pending_binding'`,
    [programId, operatorId, externalUser],
  );
}

/**
 * Every waiting event whose user has been bound since goes back to `accepted` (the sweeper's catch
 * for a lost binding wake-up). One indexed join with residents' bindings: an allowed exception of
 * the table-ownership test, since apart each sweep would read every waiting user.
 */
export async function requeueBoundWaiting(db: SqlRunner): Promise<void> {
  await db.query(
    `UPDATE inbox_events e JOIN resident_bindings b
          ON b.participant_id = e.operator_id AND b.external_user_id = e.external_user
         SET e.status = 'accepted'
       WHERE e.status = 'pending_binding'`,
  );
}

/** The programs' waiting events received more than `hours` ago go back to `accepted`, to be rejected. */
export async function requeueWaitingReceivedBefore(
  db: SqlRunner,
  programIds: number[],
  hours: number,
): Promise<void> {
  if (programIds.length === 0) return;
  await db.query(
    `UPDATE inbox_events SET status = 'accepted'
      WHERE status = 'pending_binding' AND program_id IN (${placeholders(programIds)})
        AND received_at < NOW(3) - INTERVAL ? HOUR`,
    [...programIds, hours],
  );
}

/** Programs with accepted events waiting. */
export async function programsWithAccepted(db: SqlRunner): Promise<number[]> {
  const rows: { program_id: number }[] = await db.query(
    "SELECT DISTINCT program_id FROM inbox_events WHERE status = 'accepted'",
  );
  return rows.map((r) => Number(r.program_id));
}

/** The operator's event id of each inbox row. */
export async function eventIdsOf(db: SqlRunner, inboxIds: string[]): Promise<Map<string, string>> {
  if (inboxIds.length === 0) return new Map();
  const rows: { id: string; event_id: string }[] = await db.query(
    `SELECT id, event_id FROM inbox_events WHERE id IN (${placeholders(inboxIds)})`,
    inboxIds,
  );
  return new Map(rows.map((r) => [String(r.id), r.event_id]));
}
