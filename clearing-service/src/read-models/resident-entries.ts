import { canonicalJson } from '@tanlian/sdk';
import {
  creditSecret,
  expirySecret,
  privatePart,
  redemptionSecret,
  releaseSecret,
} from '../audit/entry-secrets';
import { placeholders, type SqlRunner } from '../database/sql';
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
  subject_id: string;
  leaf_data: Buffer;
}

/** What a credit's or a release's private part is made of: its reduction, event and operator. */
interface ReductionRow {
  id: string;
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

/** Entry types whose subject is a reduction (crediting); an expiry's is its own transaction. */
const OF_A_REDUCTION = new Set(['reduction_credit', 'points_release']);
/** Entry types whose subject is a redemption (redemption). */
const OF_A_REDEMPTION = new Set([
  'redemption_hold',
  'redemption_capture',
  'redemption_release',
  'redemption_refund',
]);

/** What a redemption entry's private part is made of. */
interface RedemptionRow {
  id: string;
  public_id: string;
  merchant_order_id: string | null;
  merchant: string;
}

const ENTRY = `SELECT e.leaf_index, e.resident_id, e.seq, e.subject_id, l.leaf_data
       FROM audit_resident_entries e
       JOIN audit_leaves l ON l.program_id = e.program_id AND l.leaf_index = e.leaf_index`;

/**
 * A resident's entries from `afterSeq` on, oldest first, at most `limit`: each leaf (audit) with
 * its private part rebuilt from the rows it was made of by the builders that wrote it
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
  return withPrivateParts(db, rows);
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
  const entries = await withPrivateParts(db, rows);
  return entries.map((e, i) => ({ ...e, residentId: Number(rows[i].resident_id) }));
}

/** The entries with their private parts, the reductions behind credits and releases in one read. */
async function withPrivateParts(db: SqlRunner, rows: EntryRow[]): Promise<ResidentEntry[]> {
  const bodies = rows.map((r) => leafBody(r.leaf_data));
  const reductionIds = rows
    .filter((_, i) => OF_A_REDUCTION.has(bodies[i].type))
    .map((r) => r.subject_id);
  const reductions = new Map<string, ReductionRow>();
  if (reductionIds.length > 0) {
    const found: ReductionRow[] = await db.query(
      `SELECT r.id, r.behaviour, r.district, r.started_at, r.methodology_code,
              r.methodology_version, r.reduction_mg, r.calculated_mg, r.points, i.event_id,
              p.code AS operator
         FROM reductions r
         JOIN inbox_events i ON i.id = r.inbox_event_id
         JOIN participants p ON p.id = r.operator_id
        WHERE r.id IN (${placeholders(reductionIds)})`,
      reductionIds,
    );
    for (const r of found) reductions.set(String(r.id), r);
  }
  const redemptions = await redemptionsOf(
    db,
    rows.filter((_, i) => OF_A_REDEMPTION.has(bodies[i].type)).map((r) => r.subject_id),
  );
  return rows.map((r, i) => ({
    leafIndex: Number(r.leaf_index),
    seq: Number(r.seq),
    leafData: r.leaf_data,
    privateJson: canonicalJson({
      ...privatePart(
        OF_A_REDEMPTION.has(bodies[i].type)
          ? redemptionSecretOf(redemptions.get(String(r.subject_id)))
          : secretOf(bodies[i], reductions.get(String(r.subject_id))),
        bodies[i].transaction,
      ),
      seq: Number(r.seq),
    }),
  }));
}

async function redemptionsOf(db: SqlRunner, ids: string[]): Promise<Map<string, RedemptionRow>> {
  if (ids.length === 0) return new Map();
  const rows: RedemptionRow[] = await db.query(
    `SELECT r.id, r.public_id, r.merchant_order_id, p.code AS merchant
       FROM redemptions r JOIN participants p ON p.id = r.merchant_id
      WHERE r.id IN (${placeholders(ids)})`,
    ids,
  );
  return new Map(rows.map((r) => [String(r.id), r]));
}

/** A redemption entry's private fields; as for a reduction that is gone, a missing row fails its commitment. */
function redemptionSecretOf(r: RedemptionRow | undefined) {
  if (r === undefined) return { missing: 'redemption' };
  return redemptionSecret({
    redemption: r.public_id,
    merchant: r.merchant,
    merchantOrderId: r.merchant_order_id,
  });
}

function leafBody(data: Buffer): { type: string; transaction: unknown } {
  return JSON.parse(data.subarray(1).toString('utf8')) as { type: string; transaction: unknown };
}

/** The entry type's private fields, as its writer made them. */
function secretOf(body: { type: string; transaction: unknown }, r: ReductionRow | undefined) {
  if (body.type === 'points_expiry') return expirySecret();
  // Its row is gone (a tampered database): what is served then fails the entry's commitment, so
  // the resident's and the bureau's checks name the entry, rather than this route failing.
  if (r === undefined) return { missing: 'reduction' };
  const event = { operator: r.operator, eventId: r.event_id };
  if (body.type === 'points_release') return releaseSecret({ ...event, points: r.points });
  return creditSecret(
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
}
