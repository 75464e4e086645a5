import { z } from 'zod';
import { District } from './district';
import { IntegerString } from './integer-string';
import { ParticipantCode } from './tenancy';
import { ZonedTimestamp } from './zoned-time';

// A merchant's stores and offers (the 兑换 shop), and the program's public catalog of live offers.

/** A store's or an offer's code: the merchant's own, unique among its stores (or its offers). */
export const MerchantItemCode = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]{0,47}$/,
    'must be 1-48 characters: lowercase letters, digits and -, starting with a letter or digit',
  );

const Name = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(128, 'must be at most 128 characters');
const Timestamp = z.string().describe('ISO 8601 time');
const changeTimes = {
  createdAt: Timestamp.describe('When it was added (ISO 8601)'),
  updatedAt: Timestamp.describe('When it last changed (ISO 8601)'),
};
const OfferTitle = z.string().describe('What the resident gets');
const OfferDescription = z.string().nullable().describe('More about the offer; null for none');
const Limit = z
  .number()
  .int()
  .nullable()
  .describe('How many a resident may redeem per day (China time); null: no limit');

/** Most rows a list answers in one page. */
export const MERCHANT_LIST_PAGE = 200;

const PageLimit = z.coerce
  .number()
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .max(MERCHANT_LIST_PAGE, `must be at most ${MERCHANT_LIST_PAGE}`)
  .default(50)
  .describe(`rows per page, 1..${MERCHANT_LIST_PAGE}; default 50`);

/** A merchant's stores or offers, by code: `after` is the `next` of the previous page. */
export const MerchantListQuery = z.strictObject({
  after: MerchantItemCode.optional().describe('the `next` of the previous page (codes after it)'),
  limit: PageLimit,
});
export type MerchantListQuery = z.infer<typeof MerchantListQuery>;

const NextCode = z
  .string()
  .nullable()
  .describe('pass as ?after= for the next page; null at the end');

// ---- Stores ----

export const StoreCreate = z.strictObject({
  code: MerchantItemCode.describe('Your code of the store, e.g. nanshan-1'),
  name: Name.describe('The store’s name as residents see it'),
  district: District.describe('GB/T 2260 code of the district the store is in'),
});
export type StoreCreate = z.infer<typeof StoreCreate>;

export const StoreUpdate = z
  .strictObject({
    name: Name.optional().describe('The store’s new name'),
    district: District.optional().describe('The store’s new GB/T 2260 district'),
  })
  .refine((u) => Object.keys(u).length > 0, { message: 'must change at least one field' });
export type StoreUpdate = z.infer<typeof StoreUpdate>;

export const StoreView = z.object({
  code: z.string().describe('The merchant’s code of the store'),
  name: z.string().describe('The store’s name'),
  district: z.string().describe('GB/T 2260 district code'),
  ...changeTimes,
});
export type StoreView = z.infer<typeof StoreView>;

export const StoresPage = z.object({
  stores: z.array(StoreView).describe('By code'),
  next: NextCode,
});
export type StoresPage = z.infer<typeof StoresPage>;

// ---- Offers ----

export const OfferStatus = z
  .enum(['active', 'withdrawn'])
  .describe('withdrawn: not in the catalog and not for sale; active again when set back');
export type OfferStatus = z.infer<typeof OfferStatus>;

const Points = z
  .number()
  .int('must be a whole number of points')
  .min(1, 'must be at least 1')
  .max(1_000_000_000, 'must be at most 1000000000');
const Count = (what: string) =>
  z
    .number()
    .int(`must be a whole number of ${what}`)
    .min(0, 'must not be negative')
    .max(1_000_000_000, 'must be at most 1000000000');

/** `all`, or the codes of the program's issuers (operators) whose points the offer takes. */
export const AcceptedIssuers = z
  .union([
    z.literal('all'),
    z
      .array(ParticipantCode)
      .min(1, 'must name at least one issuer, or be "all"')
      .max(100, 'must name at most 100 issuers')
      .refine((codes) => new Set(codes).size === codes.length, 'must not repeat an issuer'),
  ])
  .describe('Whose points the offer accepts: "all" issuers of the program, or their codes');
export type AcceptedIssuers = z.infer<typeof AcceptedIssuers>;

const AcceptedIssuersView = z
  .union([z.literal('all'), z.array(z.string())])
  .describe('"all", or the codes of the issuers whose points it accepts, by code');

const offerFields = {
  title: Name.describe('What the resident gets, e.g. "Americano, any size"'),
  description: z
    .string()
    .trim()
    .max(2000, 'must be at most 2000 characters')
    .nullable()
    .describe('More about the offer; null for none'),
  pricePoints: Points.describe('Price in points'),
  stock: Count('items')
    .nullable()
    .describe('Items left to redeem; null for unlimited. 0: sold out, out of the catalog'),
  validFrom: ZonedTimestamp.describe('From when the offer can be redeemed'),
  validUntil: ZonedTimestamp.describe('Until when (exclusive); after validFrom'),
  limitPerResidentPerDay: Count('redemptions')
    .min(1, 'must be at least 1, or null for no limit')
    .nullable()
    .describe('How many a resident may redeem per day (China time); null for no limit'),
  acceptedIssuers: AcceptedIssuers,
};

const windowOrdered = (o: { validFrom?: string; validUntil?: string }) =>
  o.validFrom === undefined ||
  o.validUntil === undefined ||
  Date.parse(o.validUntil) > Date.parse(o.validFrom);
const windowIssue = { path: ['validUntil'], message: 'must be after validFrom' };

export const OfferCreate = z
  .strictObject({
    code: MerchantItemCode.describe('Your code of the offer, e.g. americano-2026'),
    ...offerFields,
    description: offerFields.description.default(null),
    stock: offerFields.stock.default(null),
    limitPerResidentPerDay: offerFields.limitPerResidentPerDay.default(null),
    acceptedIssuers: AcceptedIssuers.default('all'),
  })
  .refine(windowOrdered, windowIssue);
export type OfferCreate = z.infer<typeof OfferCreate>;

/** Any of the fields; a window moved in part is checked against the other end as stored. */
export const OfferUpdate = z
  .strictObject({
    title: offerFields.title.optional(),
    description: offerFields.description.optional(),
    pricePoints: offerFields.pricePoints.optional(),
    stock: offerFields.stock.optional(),
    validFrom: offerFields.validFrom.optional(),
    validUntil: offerFields.validUntil.optional(),
    limitPerResidentPerDay: offerFields.limitPerResidentPerDay.optional(),
    acceptedIssuers: AcceptedIssuers.optional(),
    status: OfferStatus.optional(),
  })
  .refine((u) => Object.keys(u).length > 0, { message: 'must change at least one field' })
  .refine(windowOrdered, windowIssue);
export type OfferUpdate = z.infer<typeof OfferUpdate>;

export const OfferView = z.object({
  code: z.string().describe('The merchant’s code of the offer'),
  title: OfferTitle,
  description: OfferDescription,
  pricePoints: IntegerString.describe('Price in points'),
  stock: z.number().int().nullable().describe('Items left; null for unlimited'),
  validFrom: Timestamp.describe('From when it can be redeemed (ISO 8601)'),
  validUntil: Timestamp.describe('Until when, exclusive (ISO 8601)'),
  limitPerResidentPerDay: Limit,
  acceptedIssuers: AcceptedIssuersView,
  status: OfferStatus,
  ...changeTimes,
});
export type OfferView = z.infer<typeof OfferView>;

export const OffersPage = z.object({
  offers: z.array(OfferView).describe('By code'),
  next: NextCode,
});
export type OffersPage = z.infer<typeof OffersPage>;

// ---- The program's public catalog ----

/** Live offers per page of the catalog. */
export const CATALOG_PAGE = 100;

export const CatalogQuery = z.strictObject({
  after: z.coerce
    .number()
    .int('must be a whole number')
    .min(0, 'must not be negative')
    .default(0)
    .describe('the `next` of the previous page; default 0 (the start)'),
  limit: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(CATALOG_PAGE, `must be at most ${CATALOG_PAGE}`)
    .default(20)
    .describe(`offers per page, 1..${CATALOG_PAGE}; default 20`),
});
export type CatalogQuery = z.infer<typeof CatalogQuery>;

export const CatalogStore = z.object({
  code: z.string().describe('The merchant’s code of the store'),
  name: z.string().describe('The store’s name'),
  district: z.string().describe('GB/T 2260 district code'),
});

export const CatalogOffer = z.object({
  merchant: z
    .object({
      code: z.string().describe('The merchant (participant) code'),
      name: z.string().describe('The merchant’s name'),
      stores: z.array(CatalogStore).describe('Where the offer can be redeemed, by code'),
    })
    .describe('Who offers it'),
  code: z.string().describe('The merchant’s code of the offer'),
  title: OfferTitle,
  description: OfferDescription,
  pricePoints: IntegerString.describe('Price in points'),
  stock: z.number().int().nullable().describe('Items left (at least 1); null for unlimited'),
  validFrom: Timestamp.describe('From when it can be redeemed (ISO 8601)'),
  validUntil: Timestamp.describe('Until when, exclusive (ISO 8601)'),
  limitPerResidentPerDay: Limit,
  acceptedIssuers: AcceptedIssuersView,
});
export type CatalogOffer = z.infer<typeof CatalogOffer>;

export const CatalogPage = z.object({
  offers: z
    .array(CatalogOffer)
    .describe('Live offers (active, in their window now, in stock), oldest first'),
  next: z.number().int().nullable().describe('pass as ?after= for the next page; null at the end'),
});
export type CatalogPage = z.infer<typeof CatalogPage>;
