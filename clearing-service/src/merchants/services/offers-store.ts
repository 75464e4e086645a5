import type { OfferStatus } from '@tanlian/sdk';
import { placeholders, type SqlRunner } from '../../database/sql';
import { merchantRowsByCode } from './merchant-rows-by-code';

export interface OfferRow {
  id: number;
  merchant_id: number;
  code: string;
  title: string;
  description: string | null;
  price_points: string;
  stock: number | null;
  valid_from: Date;
  valid_until: Date;
  limit_per_resident_per_day: number | null;
  accepts_all_issuers: number;
  status: OfferStatus;
  created_at: Date;
  updated_at: Date;
}

/** An offer's terms as written; which issuers it accepts is beside them (offer-issuers-store). */
export interface OfferTerms {
  title: string;
  description: string | null;
  pricePoints: number;
  stock: number | null;
  validFrom: Date;
  validUntil: Date;
  limitPerResidentPerDay: number | null;
  status: OfferStatus;
}

const COLUMNS = `id, merchant_id, code, title, description, price_points, stock, valid_from, valid_until,
  limit_per_resident_per_day, accepts_all_issuers, status, created_at, updated_at`;

// What the catalog shows and a purchase may take, by the database's clock (one clock for every api).
const LIVE = `status = 'active' AND valid_from <= UTC_TIMESTAMP(3) AND valid_until > UTC_TIMESTAMP(3)
  AND (stock IS NULL OR stock > 0)`;

/** Inserts an offer and answers its id; a taken code fails as a duplicate key (the caller names it). */
export async function insertOffer(
  db: SqlRunner,
  programId: number,
  merchantId: number,
  code: string,
  terms: OfferTerms,
  acceptsAllIssuers: boolean,
): Promise<number> {
  const result: { insertId: number } = await db.query(
    `INSERT INTO merchant_offers (program_id, merchant_id, code, title, description, price_points,
       stock, valid_from, valid_until, limit_per_resident_per_day, accepts_all_issuers, status,
       created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))`,
    [programId, merchantId, code, ...termValues(terms, acceptsAllIssuers)],
  );
  return Number(result.insertId);
}

/** Rewrites an offer's terms (the caller merged the change into what it read under lock). */
export async function updateOffer(
  db: SqlRunner,
  offerId: number,
  terms: OfferTerms,
  acceptsAllIssuers: boolean,
): Promise<void> {
  await db.query(
    `UPDATE merchant_offers SET title = ?, description = ?, price_points = ?, stock = ?, valid_from = ?,
       valid_until = ?, limit_per_resident_per_day = ?, accepts_all_issuers = ?, status = ?,
       updated_at = UTC_TIMESTAMP(3)
     WHERE id = ?`,
    [...termValues(terms, acceptsAllIssuers), offerId],
  );
}

function termValues(t: OfferTerms, acceptsAllIssuers: boolean): unknown[] {
  return [
    t.title,
    t.description,
    t.pricePoints,
    t.stock,
    t.validFrom,
    t.validUntil,
    t.limitPerResidentPerDay,
    acceptsAllIssuers,
    t.status,
  ];
}

/** One of a merchant's offers by code, whatever its state; `forUpdate` locks its row. */
export async function offerByCode(
  db: SqlRunner,
  merchantId: number,
  code: string,
  forUpdate = false,
): Promise<OfferRow | null> {
  const [row]: OfferRow[] = await db.query(
    `SELECT ${COLUMNS} FROM merchant_offers WHERE merchant_id = ? AND code = ?${forUpdate ? ' FOR UPDATE' : ''}`,
    [merchantId, code],
  );
  return row ?? null;
}

/**
 * For the purchase step (redemption's PurchasesService): the offer if it is live now, its row locked until the
 * caller's transaction ends, so its stock and status cannot change between the check and the
 * decrement. Null when it is missing, withdrawn, outside its window or sold out. Run it inside a
 * transaction: outside one, the lock ends with the statement.
 */
export async function lockLiveOffer(
  db: SqlRunner,
  merchantId: number,
  code: string,
): Promise<OfferRow | null> {
  const [row]: OfferRow[] = await db.query(
    `SELECT ${COLUMNS} FROM merchant_offers WHERE merchant_id = ? AND code = ? AND ${LIVE} FOR UPDATE`,
    [merchantId, code],
  );
  return row ?? null;
}

/** One page of a merchant's offers by code, after `after` (see merchantRowsByCode). */
export function offersPage(
  db: SqlRunner,
  merchantId: number,
  after: string | undefined,
  limit: number,
): Promise<OfferRow[]> {
  return merchantRowsByCode(db, 'merchant_offers', COLUMNS, merchantId, after, limit);
}

/** One page of a program's live offers by id, after id `after`; `limit` + 1 rows as above. */
export function liveOffersPage(
  db: SqlRunner,
  programId: number,
  after: number,
  limit: number,
): Promise<OfferRow[]> {
  return db.query(
    `SELECT ${COLUMNS} FROM merchant_offers
      WHERE program_id = ? AND id > ? AND ${LIVE} ORDER BY id LIMIT ?`,
    [programId, after, limit + 1],
  );
}

/**
 * Why a merchant's offer is not live now (database clock), after lockLiveOffer found none:
 * `missing`, `withdrawn` (not active), `outside_window`, or `sold_out`.
 */
export async function whyNotLive(
  db: SqlRunner,
  merchantId: number,
  code: string,
): Promise<'missing' | 'withdrawn' | 'outside_window' | 'sold_out'> {
  const [row]: { active: number; in_window: number }[] = await db.query(
    `SELECT status = 'active' AS active,
            (valid_from <= UTC_TIMESTAMP(3) AND valid_until > UTC_TIMESTAMP(3)) AS in_window
       FROM merchant_offers WHERE merchant_id = ? AND code = ?`,
    [merchantId, code],
  );
  if (!row) return 'missing';
  if (Number(row.active) !== 1) return 'withdrawn';
  return Number(row.in_window) === 1 ? 'sold_out' : 'outside_window';
}

/** One item out of a live offer's stock (its row locked by lockLiveOffer); unlimited stays null. */
export async function takeFromStock(db: SqlRunner, offerId: number): Promise<void> {
  await db.query(
    'UPDATE merchant_offers SET stock = stock - 1 WHERE id = ? AND stock IS NOT NULL AND stock > 0',
    [offerId],
  );
}

/** One item back into an offer's stock: its purchase was voided or expired (docs/redemption.md). */
export async function returnToStock(db: SqlRunner, offerId: number): Promise<void> {
  await db.query(
    'UPDATE merchant_offers SET stock = stock + 1 WHERE id = ? AND stock IS NOT NULL',
    [offerId],
  );
}

/** Offers' codes and titles by id, for the redemptions that bought them. */
export async function offerTitles(
  db: SqlRunner,
  offerIds: number[],
): Promise<Map<number, { code: string; title: string }>> {
  if (offerIds.length === 0) return new Map();
  const rows: { id: number; code: string; title: string }[] = await db.query(
    `SELECT id, code, title FROM merchant_offers WHERE id IN (${placeholders(offerIds)})`,
    offerIds,
  );
  return new Map(rows.map((r) => [Number(r.id), { code: r.code, title: r.title }]));
}
