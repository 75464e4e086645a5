import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CatalogPage, CatalogQuery } from '@tanlian/sdk';
import { DataSource } from 'typeorm';
import type { Program } from '../../tenancy/entities/program.entity';
import { participantNames } from '../../tenancy/services/participants-store';
import { pageOf } from '../../http/page-of';
import { offerTermsView } from '../views';
import { acceptedIssuersOf } from './accepted-issuers';
import { liveOffersPage } from './offers-store';
import { storesOfMerchants } from './stores-store';

/** The program's public catalog: its live offers, each with its merchant and the merchant's stores. */
@Injectable()
export class OfferCatalogService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async page(program: Program, query: CatalogQuery): Promise<CatalogPage> {
    const rows = await liveOffersPage(this.db, program.id, query.after, query.limit);
    const page = pageOf(rows, query.limit, (o) => Number(o.id));
    const merchantIds = [...new Set(page.rows.map((o) => Number(o.merchant_id)))];
    const [merchants, stores, accepted] = await Promise.all([
      participantNames(this.db, merchantIds),
      storesOfMerchants(this.db, merchantIds),
      acceptedIssuersOf(this.db, program.id, page.rows),
    ]);
    return {
      offers: page.rows.map((o) => {
        const merchant = merchants.get(Number(o.merchant_id))!;
        return {
          merchant: {
            code: merchant.code,
            name: merchant.name,
            stores: stores
              .get(Number(o.merchant_id))!
              .map((s) => ({ code: s.code, name: s.name, district: s.district })),
          },
          ...offerTermsView(o, accepted.get(Number(o.id))!),
        };
      }),
      next: page.next,
    };
  }
}
