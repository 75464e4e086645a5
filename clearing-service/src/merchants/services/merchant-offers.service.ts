import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  MerchantListQuery,
  OfferCreate,
  OffersPage,
  OfferUpdate,
  OfferView,
} from '@tanlian/sdk';
import { DataSource } from 'typeorm';
import type { SqlRunner } from '../../database/sql';
import { isDuplicateKey } from '../../database/mysql-errors';
import { FieldError } from '../../http/domain-error';
import type { Participant } from '../../tenancy/entities/participant.entity';
import type { Program } from '../../tenancy/entities/program.entity';
import { offerCodeTaken, offerNotFound } from '../merchants-errors';
import { pageOf } from '../../http/page-of';
import { offerView } from '../views';
import { acceptedIssuersOf, issuerIdsOf } from './accepted-issuers';
import { merchantOf } from './merchant-scope';
import { replaceOfferIssuers } from './offer-issuers-store';
import {
  insertOffer,
  offerByCode,
  offersPage,
  updateOffer,
  type OfferRow,
  type OfferTerms,
} from './offers-store';

/** A merchant's offers (the 兑换 shop): what residents can redeem their points for, on what terms. */
@Injectable()
export class MerchantOffersService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async create(program: Program, participant: Participant, input: OfferCreate): Promise<OfferView> {
    const merchant = merchantOf(program, participant);
    try {
      await this.db.transaction(async (db) => {
        const issuerIds = await issuerIdsOf(db, program.id, input.acceptedIssuers);
        const terms: OfferTerms = {
          title: input.title,
          description: input.description,
          pricePoints: input.pricePoints,
          stock: input.stock,
          validFrom: new Date(input.validFrom),
          validUntil: new Date(input.validUntil),
          limitPerResidentPerDay: input.limitPerResidentPerDay,
          status: 'active',
        };
        const id = await insertOffer(db, program.id, merchant.id, input.code, terms, !issuerIds);
        await replaceOfferIssuers(db, id, issuerIds ?? []);
      });
    } catch (err) {
      if (isDuplicateKey(err)) throw offerCodeTaken(input.code);
      throw err;
    }
    return this.get(program, merchant, input.code);
  }

  async get(program: Program, participant: Participant, code: string): Promise<OfferView> {
    const merchant = merchantOf(program, participant);
    const row = await offerByCode(this.db, merchant.id, code);
    if (!row) throw offerNotFound(code);
    return this.viewOf(this.db, program, row);
  }

  async list(
    program: Program,
    participant: Participant,
    query: MerchantListQuery,
  ): Promise<OffersPage> {
    const merchant = merchantOf(program, participant);
    const rows = await offersPage(this.db, merchant.id, query.after, query.limit);
    const page = pageOf(rows, query.limit, (o) => o.code);
    const accepted = await acceptedIssuersOf(this.db, program.id, page.rows);
    return {
      offers: page.rows.map((o) => offerView(o, accepted.get(Number(o.id))!)),
      next: page.next,
    };
  }

  /** Changes the fields given, under the offer's row lock, so two changes never interleave. */
  async update(
    program: Program,
    participant: Participant,
    code: string,
    change: OfferUpdate,
  ): Promise<OfferView> {
    const merchant = merchantOf(program, participant);
    await this.db.transaction(async (db) => {
      const row = await offerByCode(db, merchant.id, code, true);
      if (!row) throw offerNotFound(code);
      const terms = mergedTerms(row, change);
      if (terms.validUntil <= terms.validFrom) {
        // The body's own window was checked by the contract: one end moved past the stored other.
        const moved = change.validUntil !== undefined ? 'validUntil' : 'validFrom';
        throw new FieldError(
          moved,
          `must leave validUntil after validFrom (the window is ${terms.validFrom.toISOString()} to ${terms.validUntil.toISOString()})`,
        );
      }
      const issuerIds =
        change.acceptedIssuers === undefined
          ? undefined
          : await issuerIdsOf(db, program.id, change.acceptedIssuers);
      const acceptsAll = issuerIds === undefined ? Boolean(row.accepts_all_issuers) : !issuerIds;
      await updateOffer(db, row.id, terms, acceptsAll);
      if (issuerIds !== undefined) await replaceOfferIssuers(db, row.id, issuerIds ?? []);
    });
    return this.get(program, merchant, code);
  }

  private async viewOf(db: SqlRunner, program: Program, row: OfferRow): Promise<OfferView> {
    const accepted = await acceptedIssuersOf(db, program.id, [row]);
    return offerView(row, accepted.get(Number(row.id))!);
  }
}

function mergedTerms(row: OfferRow, change: OfferUpdate): OfferTerms {
  return {
    title: change.title ?? row.title,
    description: change.description !== undefined ? change.description : row.description,
    pricePoints: change.pricePoints ?? Number(row.price_points),
    stock: change.stock !== undefined ? change.stock : row.stock,
    validFrom: change.validFrom !== undefined ? new Date(change.validFrom) : row.valid_from,
    validUntil: change.validUntil !== undefined ? new Date(change.validUntil) : row.valid_until,
    limitPerResidentPerDay:
      change.limitPerResidentPerDay !== undefined
        ? change.limitPerResidentPerDay
        : row.limit_per_resident_per_day,
    status: change.status ?? row.status,
  };
}
