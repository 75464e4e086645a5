import { insertRows, placeholders, type SqlRunner } from '../../database/sql';

/** The issuers an offer accepts, when it does not accept all: written whole on every change. */
export async function replaceOfferIssuers(
  db: SqlRunner,
  offerId: number,
  issuerIds: number[],
): Promise<void> {
  await db.query('DELETE FROM merchant_offer_issuers WHERE offer_id = ?', [offerId]);
  await insertRows(
    db,
    'merchant_offer_issuers',
    ['offer_id', 'issuer_id'],
    issuerIds.map((issuerId) => [offerId, issuerId]),
  );
}

/** Issuer ids by offer, for the offers that name theirs. */
export async function issuersOfOffers(
  db: SqlRunner,
  offerIds: number[],
): Promise<Map<number, number[]>> {
  const issuers = new Map<number, number[]>();
  if (offerIds.length === 0) return issuers;
  const rows: { offer_id: number; issuer_id: number }[] = await db.query(
    `SELECT offer_id, issuer_id FROM merchant_offer_issuers WHERE offer_id IN (${placeholders(offerIds)})`,
    offerIds,
  );
  for (const row of rows) {
    const list = issuers.get(Number(row.offer_id)) ?? [];
    list.push(Number(row.issuer_id));
    issuers.set(Number(row.offer_id), list);
  }
  return issuers;
}
