import type { SqlRunner } from '../database/sql';

// What the ledger and redemption hold of the points behind one clearing cycle, for its check
// (clearing's CycleCheck, `ledger:check --cycle`, I4, I5, I6, I9): one query per invariant across
// the ledger's, redemption's and merchants' tables. A cycle's holds are those made while it was
// OPEN (created_at in [opened_at, closed_at)); I4 and the balances of I6 are the program's now.

/** A cycle's window: the holds made while it was OPEN. */
export interface HoldWindow {
  programId: number;
  from: Date;
  to: Date;
}

/** Per issuer (I4): what it issued to residents, and where those points are now. */
export interface IssuerPoints {
  issuerId: number;
  issued: bigint;
  lots: bigint;
  held: bigint;
  uncleared: bigint;
  cancelled: bigint;
  expired: bigint;
}

export async function pointsByIssuer(db: SqlRunner, programId: number): Promise<IssuerPoints[]> {
  const issued: { issuer_id: number; points: string }[] = await db.query(
    `SELECT a.issuer_id, SUM(p.amount) AS points
       FROM ledger_transactions t
       JOIN ledger_postings p ON p.transaction_id = t.id
       JOIN ledger_accounts a ON a.id = p.account_id AND a.kind = 'resident'
      WHERE t.program_id = ? AND t.kind = 'issuance'
      GROUP BY a.issuer_id`,
    [programId],
  );
  const balances: { issuer_id: number; kind: string; points: string }[] = await db.query(
    `SELECT issuer_id, kind, SUM(balance) AS points FROM ledger_accounts
      WHERE program_id = ?
        AND kind IN ('resident', 'resident_held', 'merchant_clearing', 'issuer_cancelled', 'issuer_expired')
      GROUP BY issuer_id, kind`,
    [programId],
  );
  const byIssuer = new Map<number, IssuerPoints>();
  const of = (issuerId: number): IssuerPoints => {
    let row = byIssuer.get(issuerId);
    if (!row) {
      const zero = BigInt(0);
      row = {
        issuerId,
        issued: zero,
        lots: zero,
        held: zero,
        uncleared: zero,
        cancelled: zero,
        expired: zero,
      };
      byIssuer.set(issuerId, row);
    }
    return row;
  };
  for (const r of issued) of(r.issuer_id).issued = BigInt(r.points);
  const field = {
    resident: 'lots',
    resident_held: 'held',
    merchant_clearing: 'uncleared',
    issuer_cancelled: 'cancelled',
    issuer_expired: 'expired',
  } as const;
  for (const r of balances) of(r.issuer_id)[field[r.kind as keyof typeof field]] = BigInt(r.points);
  return [...byIssuer.values()].sort((a, b) => a.issuerId - b.issuerId);
}

/**
 * I5: the first of the window's holds that is both captured and voided (or expired): a voided or
 * expired one with points captured, or one with both a capture and a release in the ledger; or
 * whose refunds exceed its capture or differ from their own rows.
 */
export async function holdBothResolved(
  db: SqlRunner,
  w: HoldWindow,
): Promise<{ publicId: string; why: string } | null> {
  const rows: {
    public_id: string;
    status: string;
    captured_points: string;
    refunded_points: string;
    captures: string;
    releases: string;
    refunds: string | null;
  }[] = await db.query(
    `SELECT r.public_id, r.status, r.captured_points, r.refunded_points,
            (SELECT COUNT(*) FROM ledger_transactions t
              WHERE t.program_id = r.program_id AND t.reference = CONCAT('capture:', r.public_id)) AS captures,
            (SELECT COUNT(*) FROM ledger_transactions t
              WHERE t.program_id = r.program_id AND t.reference = CONCAT('release:', r.public_id)) AS releases,
            (SELECT SUM(f.points) FROM redemption_refunds f WHERE f.redemption_id = r.id) AS refunds
       FROM redemptions r
      WHERE r.program_id = ? AND r.created_at >= ? AND r.created_at < ?
      HAVING (status IN ('voided', 'expired') AND (captured_points > 0 OR captures > 0))
          OR (captures > 0 AND releases > 0)
          OR (status IN ('captured', 'partially_refunded', 'refunded') AND captures = 0)
          OR refunded_points > captured_points
          OR refunded_points <> COALESCE(refunds, 0)
      ORDER BY r.id LIMIT 1`,
    [w.programId, w.from, w.to],
  );
  if (rows.length === 0) return null;
  const r = rows[0];
  const captured = Number(r.captured_points);
  const refunded = Number(r.refunded_points);
  const captures = Number(r.captures);
  const resolvedAsCapture = !['held', 'voided', 'expired'].includes(r.status);
  const why =
    captures > 0 && Number(r.releases) > 0
      ? 'has both a capture and a release in the ledger'
      : r.status === 'voided' || r.status === 'expired'
        ? `is ${r.status} with ${captured} points captured${captures > 0 ? ' and a capture in the ledger' : ''}`
        : resolvedAsCapture && captures === 0
          ? `is ${r.status} with no capture in the ledger`
          : refunded > captured
            ? `has ${refunded} points refunded of ${captured} captured`
            : `has ${refunded} points refunded, its refunds say ${r.refunds ?? 0}`;
  return { publicId: r.public_id, why };
}

/** I5: the points in residents' held accounts, and the points of the holds still open. */
export async function pendingPoints(
  db: SqlRunner,
  programId: number,
): Promise<{ heldAccounts: bigint; openHolds: bigint }> {
  const [held]: { n: string | null }[] = await db.query(
    `SELECT SUM(balance) AS n FROM ledger_accounts WHERE program_id = ? AND kind = 'resident_held'`,
    [programId],
  );
  const [open]: { n: string | null }[] = await db.query(
    `SELECT SUM(held_points) AS n FROM redemptions WHERE status = 'held' AND program_id = ?`,
    [programId],
  );
  return { heldAccounts: BigInt(held.n ?? 0), openHolds: BigInt(open.n ?? 0) };
}

/** I6: the first resident lot or held account of the program below zero now. */
export async function accountBelowZero(
  db: SqlRunner,
  programId: number,
): Promise<{
  accountId: number;
  kind: string;
  ownerId: number;
  expiresOn: string;
  balance: bigint;
} | null> {
  const rows: {
    id: string;
    kind: string;
    owner_id: number;
    expires_on: string;
    balance: string;
  }[] = await db.query(
    `SELECT id, kind, owner_id, DATE_FORMAT(expires_on, '%Y-%m-%d') AS expires_on, balance
         FROM ledger_accounts
        WHERE program_id = ? AND kind IN ('resident', 'resident_held') AND balance < 0
        ORDER BY id LIMIT 1`,
    [programId],
  );
  if (rows.length === 0) return null;
  const r = rows[0];
  return {
    accountId: Number(r.id),
    kind: r.kind,
    ownerId: r.owner_id,
    expiresOn: r.expires_on,
    balance: BigInt(r.balance),
  };
}

/**
 * I6: the first lot of a resident with a hold in the window whose balance, run through its
 * postings in transaction order, ever went below zero (each writer locks the lot, so its
 * transactions' ids are in the order they changed it).
 */
export async function lotEverBelowZero(
  db: SqlRunner,
  w: HoldWindow,
): Promise<{ accountId: number; transactionId: number; balance: bigint } | null> {
  const rows: { account_id: string; transaction_id: string; running: string }[] = await db.query(
    `SELECT account_id, transaction_id, running FROM (
       SELECT p.account_id, p.transaction_id,
              SUM(SUM(p.amount)) OVER (PARTITION BY p.account_id ORDER BY p.transaction_id) AS running
         FROM ledger_postings p
         JOIN ledger_accounts a ON a.id = p.account_id
        WHERE a.program_id = ? AND a.kind IN ('resident', 'resident_held')
          AND a.owner_id IN (SELECT resident_id FROM redemptions
                              WHERE program_id = ? AND created_at >= ? AND created_at < ?)
        GROUP BY p.account_id, p.transaction_id) x
      WHERE running < 0 ORDER BY account_id, transaction_id LIMIT 1`,
    [w.programId, w.programId, w.from, w.to],
  );
  if (rows.length === 0) return null;
  return {
    accountId: Number(rows[0].account_id),
    transactionId: Number(rows[0].transaction_id),
    balance: BigInt(rows[0].running),
  };
}

/** I6: the first stored allocation of the window's holds that took more than it held, or gave back more than it took. */
export async function allocationOverdrawn(
  db: SqlRunner,
  w: HoldWindow,
): Promise<{ publicId: string; lotAccountId: number } | null> {
  const rows: { public_id: string; lot_account_id: string }[] = await db.query(
    `SELECT r.public_id, a.lot_account_id FROM redemptions r
       JOIN redemption_allocations a ON a.redemption_id = r.id
      WHERE r.program_id = ? AND r.created_at >= ? AND r.created_at < ?
        AND (a.captured_points > a.held_points OR a.refunded_points > a.captured_points)
      ORDER BY r.id LIMIT 1`,
    [w.programId, w.from, w.to],
  );
  return rows.length === 0
    ? null
    : { publicId: rows[0].public_id, lotAccountId: Number(rows[0].lot_account_id) };
}

/**
 * I9: the first of the window's holds that took from a lot while an older live lot of the
 * resident (of an issuer the hold could take: an offer's accepted ones) still had points right
 * after it. Live: not expired on the hold's China day. Lots of the same expiry are not ordered.
 */
export async function holdSkippingOlderLot(
  db: SqlRunner,
  w: HoldWindow,
): Promise<{
  publicId: string;
  takenLotId: number;
  takenExpiresOn: string;
  olderLotId: number;
  olderExpiresOn: string;
  left: bigint;
} | null> {
  const rows: {
    public_id: string;
    taken: string;
    taken_expires_on: string;
    older: string;
    older_expires_on: string;
    left_points: string;
  }[] = await db.query(
    `SELECT public_id, taken, taken_expires_on, older, older_expires_on, left_points FROM (
       SELECT r.id, r.public_id, a.lot_account_id AS taken,
              DATE_FORMAT(a.expires_on, '%Y-%m-%d') AS taken_expires_on,
              l.id AS older, DATE_FORMAT(l.expires_on, '%Y-%m-%d') AS older_expires_on,
              (SELECT COALESCE(SUM(p.amount), 0) FROM ledger_postings p
                WHERE p.account_id = l.id AND p.transaction_id <= t.id) AS left_points
         FROM redemptions r
         JOIN ledger_transactions t
           ON t.program_id = r.program_id AND t.reference = CONCAT('hold:', r.public_id)
         JOIN redemption_allocations a ON a.redemption_id = r.id
         JOIN ledger_accounts l
           ON l.program_id = r.program_id AND l.kind = 'resident' AND l.owner_id = r.resident_id
          AND l.expires_on < a.expires_on
          AND l.expires_on >= DATE(r.created_at + INTERVAL 8 HOUR)
        WHERE r.program_id = ? AND r.created_at >= ? AND r.created_at < ?
          AND (r.offer_id IS NULL
               OR NOT EXISTS (SELECT 1 FROM merchant_offer_issuers o WHERE o.offer_id = r.offer_id)
               OR l.issuer_id IN (SELECT o.issuer_id FROM merchant_offer_issuers o
                                   WHERE o.offer_id = r.offer_id))) x
      WHERE left_points > 0 ORDER BY id, taken, older LIMIT 1`,
    [w.programId, w.from, w.to],
  );
  if (rows.length === 0) return null;
  const r = rows[0];
  return {
    publicId: r.public_id,
    takenLotId: Number(r.taken),
    takenExpiresOn: r.taken_expires_on,
    olderLotId: Number(r.older),
    olderExpiresOn: r.older_expires_on,
    left: BigInt(r.left_points),
  };
}
