import { canonicalJson } from '@tanlian/sdk';
import { creditSecret, privatePart, releaseSecret } from '../audit/entry-secrets';
import type { SqlRunner } from '../database/sql';
import { labelOf } from '../methodology/calculation';

/** One of a resident's entries with its private part, rebuilt as its writer built it. */
export interface ResidentEntry {
  leafIndex: number;
  seq: number;
  leafData: Buffer;
  privateJson: string;
}

interface EntryRow {
  leaf_index: string;
  resident_id: number;
  seq: string;
  leaf_data: Buffer;
  behaviour: string;
  district: string | null;
  started_at: Date;
  methodology_code: string;
  methodology_version: number;
  reduction_mg: string;
  calculated_mg: string;
  points: string;
  event_id: string;
  operator: string;
}

// An entry's leaf and the rows its private part is rebuilt from: the reduction (crediting), its
// event (ingest) and operator (tenancy).
const ENTRY = `SELECT e.leaf_index, e.resident_id, e.seq, l.leaf_data, r.behaviour, r.district,
            r.started_at, r.methodology_code, r.methodology_version, r.reduction_mg,
            r.calculated_mg, r.points, i.event_id, p.code AS operator
       FROM audit_resident_entries e
       JOIN audit_leaves l ON l.program_id = e.program_id AND l.leaf_index = e.leaf_index
       JOIN reductions r ON r.id = e.subject_id
       JOIN inbox_events i ON i.id = r.inbox_event_id
       JOIN participants p ON p.id = r.operator_id`;

/**
 * A resident's entries from `afterSeq` on, oldest first, at most `limit`: each leaf (audit) with
 * its private part rebuilt from the row it was made of by the builders that wrote it
 * (audit/entry-secrets.ts).
 */
export async function residentEntries(
  db: SqlRunner,
  programId: number,
  residentId: number,
  afterSeq: number,
  limit: number,
): Promise<ResidentEntry[]> {
  const rows: EntryRow[] = await db.query(
    `${ENTRY} WHERE e.program_id = ? AND e.resident_id = ? AND e.seq >= ? ORDER BY e.seq LIMIT ?`,
    [programId, residentId, afterSeq, limit],
  );
  return rows.map(entryOf);
}

/** Every resident entry among the program's leaves [start, end), by leaf index: for the bureau. */
export async function entriesAmongLeaves(
  db: SqlRunner,
  programId: number,
  start: number,
  end: number,
): Promise<(ResidentEntry & { residentId: number })[]> {
  const rows: EntryRow[] = await db.query(
    `${ENTRY} WHERE e.program_id = ? AND e.leaf_index >= ? AND e.leaf_index < ? ORDER BY e.leaf_index`,
    [programId, start, end],
  );
  return rows.map((r) => ({ ...entryOf(r), residentId: Number(r.resident_id) }));
}

function entryOf(r: EntryRow): ResidentEntry {
  return {
    leafIndex: Number(r.leaf_index),
    seq: Number(r.seq),
    leafData: r.leaf_data,
    privateJson: privateJsonOf(r),
  };
}

function privateJsonOf(r: EntryRow): string {
  const body = JSON.parse(r.leaf_data.subarray(1).toString('utf8')) as {
    type: string;
    transaction: unknown;
  };
  const event = { operator: r.operator, eventId: r.event_id };
  const secret =
    body.type === 'points_release'
      ? releaseSecret({ ...event, points: r.points })
      : creditSecret(
          {
            ...event,
            behaviour: r.behaviour,
            district: r.district,
            startedAt: r.started_at,
            methodology: labelOf({ code: r.methodology_code, version: r.methodology_version }),
            mg: r.reduction_mg,
            calculatedMg: r.calculated_mg,
            points: r.points,
          },
          body.transaction !== null,
        );
  return canonicalJson({ ...privatePart(secret, body.transaction), seq: Number(r.seq) });
}
