import type { AcceptedIssuers } from '@tanlian/sdk';
import type { SqlRunner } from '../../database/sql';
import { ValidationFailed } from '../../http/validation-error';
import { operatorsOf } from '../../tenancy/services/participants-store';
import { issuersOfOffers } from './offer-issuers-store';
import type { OfferRow } from './offers-store';

/**
 * The ids of the issuers an offer names, or null for all. An issuer is an operator of the program
 * (whose points it funds); any other code is 422, each named.
 */
export async function issuerIdsOf(
  db: SqlRunner,
  programId: number,
  accepted: AcceptedIssuers,
): Promise<number[] | null> {
  if (accepted === 'all') return null;
  const operators = await operatorsOf(db, programId);
  const idByCode = new Map([...operators].map(([id, o]) => [o.code, id]));
  const unknown = accepted.flatMap((code, i) =>
    idByCode.has(code)
      ? []
      : [
          {
            field: `acceptedIssuers[${i}]`,
            reason: `${code} is no issuer (operator) of this program`,
          },
        ],
  );
  if (unknown.length > 0) throw new ValidationFailed(unknown);
  return accepted.map((code) => idByCode.get(code)!);
}

/** What each offer accepts: `all`, or its issuers' codes in code order. */
export async function acceptedIssuersOf(
  db: SqlRunner,
  programId: number,
  offers: OfferRow[],
): Promise<Map<number, 'all' | string[]>> {
  const named = offers.filter((o) => !o.accepts_all_issuers).map((o) => Number(o.id));
  const issuers = await issuersOfOffers(db, named);
  const operators = issuers.size > 0 ? await operatorsOf(db, programId) : new Map();
  return new Map(
    offers.map((o) => [
      Number(o.id),
      o.accepts_all_issuers
        ? 'all'
        : (issuers.get(Number(o.id)) ?? []).map((id) => operators.get(id)!.code as string).sort(),
    ]),
  );
}
