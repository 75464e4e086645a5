import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  MerchantListQuery,
  StoreCreate,
  StoresPage,
  StoreUpdate,
  StoreView,
} from '@tanlian/sdk';
import { DataSource } from 'typeorm';
import { isDuplicateKey } from '../../database/mysql-errors';
import type { Participant } from '../../tenancy/entities/participant.entity';
import type { Program } from '../../tenancy/entities/program.entity';
import { storeCodeTaken, storeNotFound } from '../merchants-errors';
import { pageOf } from '../../http/page-of';
import { storeView } from '../views';
import { merchantOf } from './merchant-scope';
import { insertStore, storeByCode, storesPage, updateStore } from './stores-store';

/** A merchant's stores: where residents redeem its offers. */
@Injectable()
export class MerchantStoresService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async create(program: Program, participant: Participant, input: StoreCreate): Promise<StoreView> {
    const merchant = merchantOf(program, participant);
    try {
      await insertStore(this.db, program.id, merchant.id, input);
    } catch (err) {
      if (isDuplicateKey(err)) throw storeCodeTaken(input.code);
      throw err;
    }
    return this.get(merchant, input.code);
  }

  async list(
    program: Program,
    participant: Participant,
    query: MerchantListQuery,
  ): Promise<StoresPage> {
    const merchant = merchantOf(program, participant);
    const rows = await storesPage(this.db, merchant.id, query.after, query.limit);
    const page = pageOf(rows, query.limit, (s) => s.code);
    return { stores: page.rows.map(storeView), next: page.next };
  }

  async update(
    program: Program,
    participant: Participant,
    code: string,
    change: StoreUpdate,
  ): Promise<StoreView> {
    const merchant = merchantOf(program, participant);
    if (!(await updateStore(this.db, merchant.id, code, change))) throw storeNotFound(code);
    return this.get(merchant, code);
  }

  private async get(merchant: Participant, code: string): Promise<StoreView> {
    const row = await storeByCode(this.db, merchant.id, code);
    if (!row) throw storeNotFound(code);
    return storeView(row);
  }
}
