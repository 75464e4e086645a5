import type { SqlRunner } from '../database/sql';

// What the demo's progress line reads (read from MySQL, the truth): the session's events by status
// (ingest) and what crediting made of them.

/** The program's id, and the last inbox row stored before the session, or null when no such program. */
export async function demoStart(
  db: SqlRunner,
  programCode: string,
): Promise<{ programId: number; lastInboxId: number } | null> {
  const [program]: { id: number }[] = await db.query('SELECT id FROM programs WHERE code = ?', [
    programCode,
  ]);
  if (!program) return null;
  const [last]: { id: string }[] = await db.query(
    'SELECT COALESCE(MAX(id), 0) AS id FROM inbox_events',
  );
  return { programId: Number(program.id), lastInboxId: Number(last.id) };
}

export interface DemoCounts {
  byStatus: Record<string, number>;
  reductionMg: number;
  points: number;
  unfundedPoints: number;
}

/** The program's events stored after `afterInboxId`: how many of each status, and what they earned. */
export async function demoCounts(
  db: SqlRunner,
  programId: number,
  afterInboxId: number,
): Promise<DemoCounts> {
  const rows: { status: string; n: string }[] = await db.query(
    'SELECT status, COUNT(*) AS n FROM inbox_events WHERE program_id = ? AND id > ? GROUP BY status',
    [programId, afterInboxId],
  );
  const [earned]: { mg: string; points: string; unfunded: string }[] = await db.query(
    `SELECT COALESCE(SUM(reduction_mg), 0) AS mg,
            COALESCE(SUM(CASE points_status WHEN 'credited' THEN points END), 0) AS points,
            COALESCE(SUM(CASE points_status WHEN 'unfunded' THEN points END), 0) AS unfunded
       FROM reductions WHERE program_id = ? AND inbox_event_id > ?`,
    [programId, afterInboxId],
  );
  return {
    byStatus: Object.fromEntries(rows.map((r) => [String(r.status), Number(r.n)])),
    reductionMg: Number(earned.mg),
    points: Number(earned.points),
    unfundedPoints: Number(earned.unfunded),
  };
}
