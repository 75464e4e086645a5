import type { RedemptionCodeStatus } from '@tanlian/sdk';
import type { SqlRunner } from '../../database/sql';

// The statements on redemption_codes. Every time is the database's NOW(3), compared in SQL, so no
// app server's clock decides whether a code still works. `db` is the caller's (a transaction or not).

export interface NewRedemptionCode {
  publicId: string;
  programId: number;
  residentId: number;
  merchantId: number | null;
  maxPoints: number | null;
  secretHash: Buffer;
  ttlSeconds: number;
}

export interface RedemptionCodeRow {
  publicId: string;
  residentId: number;
  merchantId: number | null;
  maxPoints: number | null;
  status: RedemptionCodeStatus;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
}

/** A code's status at the database's now. Used first: a used code is never revoked afterwards. */
const STATUS = `CASE WHEN used_at IS NOT NULL THEN 'used'
                     WHEN revoked_at IS NOT NULL THEN 'revoked'
                     WHEN expires_at <= NOW(3) THEN 'expired'
                     ELSE 'active' END`;

const COLUMNS = `public_id, resident_id, merchant_id, max_points, ${STATUS} AS status,
                 created_at, expires_at, used_at, revoked_at`;

/** Whether a code may still be presented, at the database's now. */
const LIVE = 'used_at IS NULL AND revoked_at IS NULL AND expires_at > NOW(3)';

interface Row {
  public_id: string;
  resident_id: number;
  merchant_id: number | null;
  max_points: string | null;
  status: RedemptionCodeStatus;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
  revoked_at: Date | null;
}

function fromRow(r: Row): RedemptionCodeRow {
  return {
    publicId: r.public_id,
    residentId: Number(r.resident_id),
    merchantId: r.merchant_id === null ? null : Number(r.merchant_id),
    // BIGINT comes back as a string; a cap is at most 10^12, exact as a number.
    maxPoints: r.max_points === null ? null : Number(r.max_points),
    status: r.status,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    usedAt: r.used_at,
    revokedAt: r.revoked_at,
  };
}

export async function insertRedemptionCode(db: SqlRunner, code: NewRedemptionCode): Promise<void> {
  // NOW(3) is one instant within a statement: expires_at is exactly created_at + ttl.
  await db.query(
    `INSERT INTO redemption_codes
       (public_id, program_id, resident_id, merchant_id, max_points, secret_hash, created_at, expires_at)
     VALUES (?, ?, ?, ?, ?, ?, NOW(3), NOW(3) + INTERVAL ? SECOND)`,
    [
      code.publicId,
      code.programId,
      code.residentId,
      code.merchantId,
      code.maxPoints,
      code.secretHash,
      code.ttlSeconds,
    ],
  );
}

/** One of the resident's own codes by its public id; null for a missing or another's code. */
export async function residentCode(
  db: SqlRunner,
  programId: number,
  residentId: number,
  publicId: string,
): Promise<RedemptionCodeRow | null> {
  const rows: Row[] = await db.query(
    `SELECT ${COLUMNS} FROM redemption_codes
      WHERE public_id = ? AND program_id = ? AND resident_id = ?`,
    [publicId, programId, residentId],
  );
  return rows[0] ? fromRow(rows[0]) : null;
}

/** Revokes one of the resident's codes if it is still live; a used or expired one is left as it is. */
export async function revokeLiveCode(
  db: SqlRunner,
  programId: number,
  residentId: number,
  publicId: string,
): Promise<void> {
  await db.query(
    `UPDATE redemption_codes SET revoked_at = NOW(3)
      WHERE public_id = ? AND program_id = ? AND resident_id = ? AND ${LIVE}`,
    [publicId, programId, residentId],
  );
}

/**
 * Marks a live code used for this merchant and amount, in one conditional UPDATE: a concurrent
 * claimer waits on the row lock, then finds used_at set and updates nothing. True if this one won.
 */
export async function claimRedemptionCode(
  db: SqlRunner,
  programId: number,
  secretHash: Buffer,
  merchantId: number,
  points: number,
): Promise<boolean> {
  const result: { affectedRows: number } = await db.query(
    `UPDATE redemption_codes SET used_at = NOW(3)
      WHERE program_id = ? AND secret_hash = ? AND ${LIVE}
        AND (merchant_id IS NULL OR merchant_id = ?)
        AND (max_points IS NULL OR max_points >= ?)`,
    [programId, secretHash, merchantId, points],
  );
  return result.affectedRows === 1;
}

/**
 * A code by its secret's hash, as last committed (a locking read: a plain one in the caller's
 * transaction could see an older snapshot, in which a code a rival just used looks live).
 */
export async function codeBySecretHash(
  db: SqlRunner,
  programId: number,
  secretHash: Buffer,
): Promise<RedemptionCodeRow | null> {
  const rows: Row[] = await db.query(
    `SELECT ${COLUMNS} FROM redemption_codes
      WHERE program_id = ? AND secret_hash = ? LOCK IN SHARE MODE`,
    [programId, secretHash],
  );
  return rows[0] ? fromRow(rows[0]) : null;
}
