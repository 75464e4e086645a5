import type { RedemptionStatus } from '@tanlian/sdk';
import { insertRows, placeholders, type SqlRunner } from '../../database/sql';

// The statements on redemptions and their allocations. Times are the database's NOW(3): whether a
// hold has expired is decided in SQL, never by an app server's clock.

export interface RedemptionRow {
  id: number;
  publicId: string;
  residentId: number;
  merchantId: number;
  merchantOrderId: string | null;
  /** The offer bought in the shop; null for a hold made at a till with a code. */
  offerId: number | null;
  status: RedemptionStatus;
  heldPoints: number;
  capturedPoints: number;
  refundedPoints: number;
  createdAt: Date;
  expiresAt: Date;
  resolvedAt: Date | null;
  /** expires_at is past at the database's now. */
  expired: boolean;
}

export interface AllocationRow {
  lotId: number;
  issuerId: number;
  expiresOn: string;
  heldPoints: number;
  capturedPoints: number;
  refundedPoints: number;
}

const COLUMNS = `id, public_id, resident_id, merchant_id, merchant_order_id, offer_id, status, held_points,
  captured_points, refunded_points, created_at, expires_at, resolved_at,
  expires_at <= NOW(3) AS expired`;

export async function insertRedemption(
  db: SqlRunner,
  r: {
    programId: number;
    publicId: string;
    residentId: number;
    merchantId: number;
    merchantOrderId: string | null;
    offerId: number | null;
    points: number;
    ttlSeconds: number;
  },
): Promise<number> {
  const result: { insertId: number } = await db.query(
    `INSERT INTO redemptions (program_id, public_id, resident_id, merchant_id, merchant_order_id,
       offer_id, status, held_points, created_at, expires_at)
     VALUES (?, ?, ?, ?, ?, ?, 'held', ?, NOW(3), NOW(3) + INTERVAL ? SECOND)`,
    [
      r.programId,
      r.publicId,
      r.residentId,
      r.merchantId,
      r.merchantOrderId,
      r.offerId,
      r.points,
      r.ttlSeconds,
    ],
  );
  return Number(result.insertId);
}

export async function insertAllocations(
  db: SqlRunner,
  redemptionId: number,
  allocations: readonly { lotId: number; issuerId: number; expiresOn: string; points: number }[],
): Promise<void> {
  await insertRows(
    db,
    'redemption_allocations',
    ['redemption_id', 'lot_account_id', 'issuer_id', 'expires_on', 'held_points'],
    allocations.map((a) => [redemptionId, a.lotId, a.issuerId, a.expiresOn, a.points]),
  );
}

/** Whose redemptions a statement reaches: a merchant's, or a resident's. */
export type RedemptionOwner = { merchantId: number } | { residentId: number };

function ownerCondition(owner: RedemptionOwner): [string, number] {
  return 'merchantId' in owner
    ? ['merchant_id = ?', owner.merchantId]
    : ['resident_id = ?', owner.residentId];
}

/** The owner's redemption by public id, locked (FOR UPDATE) when asked; null if none. */
export async function redemptionOf(
  db: SqlRunner,
  programId: number,
  owner: RedemptionOwner,
  publicId: string,
  lock = false,
): Promise<RedemptionRow | null> {
  const [condition, ownerId] = ownerCondition(owner);
  const [row]: Record<string, unknown>[] = await db.query(
    `SELECT ${COLUMNS} FROM redemptions
      WHERE program_id = ? AND ${condition} AND public_id = ?${lock ? ' FOR UPDATE' : ''}`,
    [programId, ownerId, publicId],
  );
  return row ? rowOf(row) : null;
}

/**
 * One page of the owner's redemptions, newest first, older than the one `after` names (its public
 * id: numeric ids never leave the service), in `status` when given; `limit` + 1 rows, so the caller
 * knows whether more follow. An `after` that is not the owner's answers an empty page.
 */
export async function redemptionsPage(
  db: SqlRunner,
  programId: number,
  owner: RedemptionOwner,
  query: { after?: string; limit: number; status?: RedemptionStatus },
): Promise<RedemptionRow[]> {
  const [condition, ownerId] = ownerCondition(owner);
  const params: unknown[] = [programId, ownerId];
  let where = `program_id = ? AND ${condition}`;
  if (query.status) {
    where += ' AND status = ?';
    params.push(query.status);
  }
  if (query.after) {
    where += ` AND id < (SELECT c.id FROM redemptions c
                          WHERE c.program_id = ? AND c.${condition} AND c.public_id = ?)`;
    params.push(programId, ownerId, query.after);
  }
  const rows: Record<string, unknown>[] = await db.query(
    `SELECT ${COLUMNS} FROM redemptions WHERE ${where} ORDER BY id DESC LIMIT ?`,
    [...params, query.limit + 1],
  );
  return rows.map(rowOf);
}

/** Allocations of several redemptions, by redemption id (each list as allocationsOf orders it). */
export async function allocationsOfMany(
  db: SqlRunner,
  redemptionIds: number[],
): Promise<Map<number, AllocationRow[]>> {
  const byRedemption = new Map<number, AllocationRow[]>(redemptionIds.map((id) => [id, []]));
  if (redemptionIds.length === 0) return byRedemption;
  const rows: Record<string, unknown>[] = await db.query(
    `SELECT redemption_id, ${ALLOCATION_COLUMNS} FROM redemption_allocations
      WHERE redemption_id IN (${placeholders(redemptionIds)})
      ORDER BY redemption_id, expires_on, lot_account_id`,
    redemptionIds,
  );
  for (const r of rows) byRedemption.get(Number(r.redemption_id))!.push(allocationRowOf(r));
  return byRedemption;
}

/** The program's oldest held redemption past its time, locked; one another writer holds is skipped. */
export async function oldestExpiredHold(
  db: SqlRunner,
  programId: number,
): Promise<RedemptionRow | null> {
  const [row]: Record<string, unknown>[] = await db.query(
    `SELECT ${COLUMNS} FROM redemptions
      WHERE program_id = ? AND status = 'held' AND expires_at <= NOW(3)
      ORDER BY expires_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
    [programId],
  );
  return row ? rowOf(row) : null;
}

/** Programs with a held redemption past its time. */
export async function programsWithExpiredHolds(db: SqlRunner): Promise<number[]> {
  const rows: { program_id: number }[] = await db.query(
    `SELECT DISTINCT program_id FROM redemptions
      WHERE status = 'held' AND expires_at <= NOW(3) ORDER BY program_id`,
  );
  return rows.map((r) => Number(r.program_id));
}

const ALLOCATION_COLUMNS = `lot_account_id, issuer_id,
  DATE_FORMAT(expires_on, '%Y-%m-%d') AS expires_on, held_points, captured_points, refunded_points`;

export async function allocationsOf(db: SqlRunner, redemptionId: number): Promise<AllocationRow[]> {
  return (await allocationsOfMany(db, [redemptionId])).get(redemptionId)!;
}

function allocationRowOf(r: Record<string, unknown>): AllocationRow {
  return {
    lotId: Number(r.lot_account_id),
    issuerId: Number(r.issuer_id),
    expiresOn: String(r.expires_on),
    heldPoints: Number(r.held_points),
    capturedPoints: Number(r.captured_points),
    refundedPoints: Number(r.refunded_points),
  };
}

/** Resolves a held redemption: captured (with what each lot gave) or voided. */
export async function resolveRedemption(
  db: SqlRunner,
  redemptionId: number,
  status: 'captured' | 'voided' | 'expired',
  captured: readonly { lotId: number; points: number }[],
): Promise<void> {
  const total = captured.reduce((s, a) => s + a.points, 0);
  const result: { affectedRows: number } = await db.query(
    `UPDATE redemptions SET status = ?, captured_points = ?, resolved_at = NOW(3)
      WHERE id = ? AND status = 'held'`,
    [status, total, redemptionId],
  );
  // The row is locked by the caller: a second resolution can only be a bug.
  if (result.affectedRows !== 1) throw new Error(`redemption ${redemptionId} is not held`);
  for (const a of captured) {
    await db.query(
      'UPDATE redemption_allocations SET captured_points = ? WHERE redemption_id = ? AND lot_account_id = ?',
      [a.points, redemptionId, a.lotId],
    );
  }
}

function rowOf(r: Record<string, unknown>): RedemptionRow {
  return {
    id: Number(r.id),
    publicId: String(r.public_id),
    residentId: Number(r.resident_id),
    merchantId: Number(r.merchant_id),
    merchantOrderId: (r.merchant_order_id as string | null) ?? null,
    offerId: r.offer_id === null ? null : Number(r.offer_id),
    status: r.status as RedemptionStatus,
    heldPoints: Number(r.held_points),
    capturedPoints: Number(r.captured_points),
    refundedPoints: Number(r.refunded_points),
    createdAt: r.created_at as Date,
    expiresAt: r.expires_at as Date,
    resolvedAt: (r.resolved_at as Date | null) ?? null,
    expired: Number(r.expired) === 1,
  };
}

/** The points of an earlier refund under this id, or null. */
export async function refundOf(
  db: SqlRunner,
  redemptionId: number,
  refundId: string,
): Promise<number | null> {
  const [row]: { points: string }[] = await db.query(
    'SELECT points FROM redemption_refunds WHERE redemption_id = ? AND refund_id = ?',
    [redemptionId, refundId],
  );
  return row ? Number(row.points) : null;
}

/** Records a refund: its row, what each lot got back, and the redemption's refunded total. */
export async function recordRefund(
  db: SqlRunner,
  r: { id: number; capturedPoints: number; refundedPoints: number },
  refundId: string,
  back: readonly { lotId: number; points: number }[],
): Promise<void> {
  const points = back.reduce((s, a) => s + a.points, 0);
  await db.query(
    'INSERT INTO redemption_refunds (redemption_id, refund_id, points, created_at) VALUES (?, ?, ?, NOW(3))',
    [r.id, refundId, points],
  );
  for (const a of back) {
    await db.query(
      `UPDATE redemption_allocations SET refunded_points = refunded_points + ?
        WHERE redemption_id = ? AND lot_account_id = ?`,
      [a.points, r.id, a.lotId],
    );
  }
  const refunded = r.refundedPoints + points;
  await db.query('UPDATE redemptions SET refunded_points = ?, status = ? WHERE id = ?', [
    refunded,
    refunded >= r.capturedPoints ? 'refunded' : 'partially_refunded',
    r.id,
  ]);
}
