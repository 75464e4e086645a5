import type { CatalogOffer, OfferView, StoreView } from '@tanlian/sdk';
import type { OfferRow } from './services/offers-store';
import type { StoreRow } from './services/stores-store';

export function storeView(row: StoreRow): StoreView {
  return {
    code: row.code,
    name: row.name,
    district: row.district,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** An offer's terms as both the merchant's view and the catalog show them. */
export function offerTermsView(
  row: OfferRow,
  acceptedIssuers: 'all' | string[],
): Omit<CatalogOffer, 'merchant'> {
  return {
    code: row.code,
    title: row.title,
    description: row.description,
    pricePoints: String(row.price_points),
    stock: row.stock === null ? null : Number(row.stock),
    validFrom: row.valid_from.toISOString(),
    validUntil: row.valid_until.toISOString(),
    limitPerResidentPerDay:
      row.limit_per_resident_per_day === null ? null : Number(row.limit_per_resident_per_day),
    acceptedIssuers,
  };
}

export function offerView(row: OfferRow, acceptedIssuers: 'all' | string[]): OfferView {
  return {
    ...offerTermsView(row, acceptedIssuers),
    status: row.status,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
