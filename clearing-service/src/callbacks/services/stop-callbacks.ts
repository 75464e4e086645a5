import type { EntityManager } from 'typeorm';

/**
 * Stops an operator's callbacks: marks its callback disabled and cancels what was still waiting
 * to be sent (results stay readable through GET …/events/{eventId}). `url`, when given, stops it
 * only if the callback still points there, so a 410 from an old URL cannot stop a new one.
 */
export async function stopCallbacks(
  db: EntityManager,
  participantId: number,
  reason: string,
  now: Date,
  url: string | null = null,
): Promise<boolean> {
  const result: { affectedRows: number } = await db.query(
    `UPDATE participant_callbacks SET disabled_at = ?, disabled_reason = ?, updated_at = ?
      WHERE participant_id = ? AND disabled_at IS NULL ${url === null ? '' : 'AND url = ?'}`,
    [now, reason, now, participantId, ...(url === null ? [] : [url])],
  );
  if (result.affectedRows === 0) return false;
  await db.query(
    `UPDATE callback_deliveries SET status = 'cancelled', next_attempt_at = NULL, finished_at = ?
      WHERE participant_id = ? AND status = 'pending'`,
    [now, participantId],
  );
  return true;
}
