import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { RedemptionStatus } from '@tanlian/sdk';
import type { DataSource, EntityManager } from 'typeorm';
import { pageOf } from '../../http/page-of';
import { offerTitles } from '../../merchants/services/offers-store';
import type { Program } from '../../tenancy/entities/program.entity';
import { participantCodes } from '../../tenancy/services/participants-store';
import { holdNotFound } from '../redemption-errors';
import type { RedemptionParts } from '../views';
import {
  allocationsOfMany,
  redemptionOf,
  redemptionsPage,
  type RedemptionOwner,
  type RedemptionRow,
} from './redemptions-store';

/**
 * Redemptions as their owner reads them (a merchant's, a resident's): one, or a page newest first,
 * each with its lots, the codes they name and the offer it bought. Another owner's is not found.
 */
@Injectable()
export class RedemptionReads {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The owner's redemption (read in `db`, the caller's transaction, when given); 404 if none. */
  async one(
    program: Program,
    owner: RedemptionOwner,
    publicId: string,
    db: EntityManager = this.dataSource.manager,
  ): Promise<RedemptionParts> {
    const row = await redemptionOf(db, program.id, owner, publicId);
    if (!row) throw holdNotFound();
    return (await this.parts(db, [row]))[0];
  }

  async page(
    program: Program,
    owner: RedemptionOwner,
    query: { after?: string; limit: number; status?: RedemptionStatus },
  ): Promise<{ parts: RedemptionParts[]; next: string | null }> {
    const db = this.dataSource.manager;
    const rows = await redemptionsPage(db, program.id, owner, query);
    const page = pageOf(rows, query.limit, (r) => r.publicId);
    return { parts: await this.parts(db, page.rows), next: page.next };
  }

  private async parts(db: EntityManager, rows: RedemptionRow[]): Promise<RedemptionParts[]> {
    const allocations = await allocationsOfMany(
      db,
      rows.map((r) => r.id),
    );
    const participants = new Set(rows.map((r) => r.merchantId));
    for (const list of allocations.values()) for (const a of list) participants.add(a.issuerId);
    const offerIds = [...new Set(rows.flatMap((r) => (r.offerId === null ? [] : [r.offerId])))];
    // One after the other: `db` may be a transaction's single connection.
    const codes = await participantCodes(db, [...participants]);
    const offers = await offerTitles(db, offerIds);
    return rows.map((row) => ({
      row,
      allocations: allocations.get(row.id)!,
      merchantCode: codes.get(row.merchantId)!,
      issuerCodes: codes,
      offer: row.offerId === null ? null : offers.get(row.offerId)!,
    }));
  }
}
