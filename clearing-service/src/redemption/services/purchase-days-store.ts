import type { SqlRunner } from '../../database/sql';

// A resident's live purchases of an offer per China day (UTC+8, no daylight saving), counted on the
// database's clock. The row is locked after the offer's row in every transaction that touches it.

const CHINA_DAY_NOW = 'DATE(UTC_TIMESTAMP(3) + INTERVAL 8 HOUR)';

/** Counts one more purchase of the offer by the resident today; answers today's count with it. */
export async function countPurchase(
  db: SqlRunner,
  offerId: number,
  residentId: number,
): Promise<number> {
  await db.query(
    `INSERT INTO offer_purchase_days (offer_id, resident_id, china_day, purchases)
     VALUES (?, ?, ${CHINA_DAY_NOW}, 1) ON DUPLICATE KEY UPDATE purchases = purchases + 1`,
    [offerId, residentId],
  );
  const [row]: { purchases: number }[] = await db.query(
    `SELECT purchases FROM offer_purchase_days
      WHERE offer_id = ? AND resident_id = ? AND china_day = ${CHINA_DAY_NOW}`,
    [offerId, residentId],
  );
  return Number(row.purchases);
}

/** A voided or expired purchase no longer counts against the day it was made on. */
export async function uncountPurchase(
  db: SqlRunner,
  offerId: number,
  residentId: number,
  madeAt: Date,
): Promise<void> {
  await db.query(
    `UPDATE offer_purchase_days SET purchases = purchases - 1
      WHERE offer_id = ? AND resident_id = ? AND china_day = DATE(? + INTERVAL 8 HOUR)
        AND purchases > 0`,
    [offerId, residentId, madeAt],
  );
}
