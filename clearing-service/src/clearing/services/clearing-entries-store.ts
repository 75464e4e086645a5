import { insertRows, type SqlRunner } from '../../database/sql';

/** One line of a cycle's sub-ledger: a capture's or refund's points of one lot. */
export interface NewClearingEntry {
  merchantId: number;
  issuerId: number;
  type: 'capture' | 'refund';
  /** Signed: a refund's are negative. */
  points: number;
  redemptionPublicId: string;
  merchantOrderId: string | null;
  refundId: string | null;
  lotExpiresOn: string;
  heldAt: Date;
  ledgerTransactionId: number;
}

/** Writes the lines, stamped with the cycle `cycleSeq` (the OPEN one, read under its lock). */
export async function recordClearingEntries(
  db: SqlRunner,
  programId: number,
  cycleSeq: number,
  entries: readonly NewClearingEntry[],
  at: Date,
): Promise<void> {
  await insertRows(
    db,
    'clearing_entries',
    [
      'program_id',
      'cycle_seq',
      'merchant_id',
      'issuer_id',
      'type',
      'points',
      'redemption_public_id',
      'merchant_order_id',
      'refund_id',
      'lot_expires_on',
      'held_at',
      'ledger_transaction_id',
      'created_at',
    ],
    entries.map((e) => [
      programId,
      cycleSeq,
      e.merchantId,
      e.issuerId,
      e.type,
      e.points,
      e.redemptionPublicId,
      e.merchantOrderId,
      e.refundId,
      e.lotExpiresOn,
      e.heldAt,
      e.ledgerTransactionId,
      at,
    ]),
  );
}

export interface ClearingEntryRow {
  id: number;
  issuerId: number;
  type: 'capture' | 'refund';
  points: number;
  redemptionPublicId: string;
  merchantOrderId: string | null;
  refundId: string | null;
  lotExpiresOn: string;
  heldAt: Date;
  createdAt: Date;
  ledgerTransactionId: number;
}

/** A merchant's lines in a cycle, in the order they were written, `limit` after id `after`. */
export async function merchantEntries(
  db: SqlRunner,
  programId: number,
  cycleSeq: number,
  merchantId: number,
  after: number,
  limit: number,
): Promise<ClearingEntryRow[]> {
  const rows: {
    id: string;
    issuer_id: number;
    type: 'capture' | 'refund';
    points: string;
    redemption_public_id: string;
    merchant_order_id: string | null;
    refund_id: string | null;
    lot_expires_on: string;
    held_at: Date;
    created_at: Date;
    ledger_transaction_id: string;
  }[] = await db.query(
    `SELECT id, issuer_id, type, points, redemption_public_id, merchant_order_id, refund_id,
            DATE_FORMAT(lot_expires_on, '%Y-%m-%d') AS lot_expires_on, held_at, created_at,
            ledger_transaction_id
       FROM clearing_entries
      WHERE program_id = ? AND cycle_seq = ? AND merchant_id = ? AND id > ?
      ORDER BY id LIMIT ?`,
    [programId, cycleSeq, merchantId, after, limit],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    issuerId: r.issuer_id,
    type: r.type,
    points: Number(r.points),
    redemptionPublicId: r.redemption_public_id,
    merchantOrderId: r.merchant_order_id,
    refundId: r.refund_id,
    lotExpiresOn: r.lot_expires_on,
    heldAt: r.held_at,
    createdAt: r.created_at,
    ledgerTransactionId: Number(r.ledger_transaction_id),
  }));
}

/**
 * The merchants and issuers with a line in the cycle, by id. DISTINCT on a prefix of the covering
 * index is a loose index scan (one probe per pair, not per line): it runs in the close's
 * transaction, while captures wait for the open-cycle row.
 */
export async function cycleParticipants(
  db: SqlRunner,
  programId: number,
  cycleSeq: number,
): Promise<number[]> {
  const rows: { merchant_id: number; issuer_id: number }[] = await db.query(
    `SELECT DISTINCT merchant_id, issuer_id FROM clearing_entries
      WHERE program_id = ? AND cycle_seq = ?`,
    [programId, cycleSeq],
  );
  const ids = new Set(rows.flatMap((r) => [Number(r.merchant_id), Number(r.issuer_id)]));
  return [...ids].sort((a, b) => a - b);
}
