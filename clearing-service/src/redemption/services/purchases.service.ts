import { Injectable } from '@nestjs/common';
import {
  PURCHASE_TTL_SECONDS,
  type PurchaseCreate,
  type ResidentRedemptionView,
} from '@tanlian/sdk';
import type { EntityManager } from 'typeorm';
import { issuersOfOffers } from '../../merchants/services/offer-issuers-store';
import { lockLiveOffer, takeFromStock, whyNotLive } from '../../merchants/services/offers-store';
import type { SignedInResident } from '../../residents/controllers/signed-in-resident';
import type { Program } from '../../tenancy/entities/program.entity';
import { ParticipantsStore } from '../../tenancy/services/participants-store';
import {
  offerLimitReached,
  offerNotOnSale,
  offerOutOfStock,
  unknownMerchant,
  unknownOffer,
} from '../redemption-errors';
import { residentRedemptionView } from '../views';
import { HoldsService } from './holds.service';
import { countPurchase } from './purchase-days-store';
import { RedemptionReads } from './redemption-reads';

/**
 * Buying an offer in the 兑换 shop from the resident's own session (their consent: no code). In the
 * caller's transaction: the offer's row locked while live (database clock), one item out of its
 * stock, the resident's purchases of it today (China day) counted against its daily limit, then a
 * hold of its price on the accepted issuers' lots, which the merchant captures when it hands the
 * item over, or voids. Locks: the offer, the resident's day count, then the hold's (HoldsService).
 */
@Injectable()
export class PurchasesService {
  constructor(
    private readonly participants: ParticipantsStore,
    private readonly holds: HoldsService,
    private readonly reads: RedemptionReads,
  ) {}

  async purchase(
    db: EntityManager,
    program: Program,
    resident: SignedInResident,
    input: PurchaseCreate,
  ): Promise<ResidentRedemptionView> {
    const merchant = await this.participants.findByCode(program.id, input.merchant);
    if (!merchant?.isMerchant) throw unknownMerchant(input.merchant);
    const offer = await lockLiveOffer(db, merchant.id, input.offer);
    if (!offer) {
      const why = await whyNotLive(db, merchant.id, input.offer);
      if (why === 'missing') throw unknownOffer(merchant.code, input.offer);
      if (why === 'sold_out') throw offerOutOfStock();
      throw offerNotOnSale(why);
    }
    const offerId = Number(offer.id);
    const limit = offer.limit_per_resident_per_day;
    const today = await countPurchase(db, offerId, resident.residentId);
    if (limit !== null && today > Number(limit)) throw offerLimitReached(Number(limit));
    await takeFromStock(db, offerId);
    const accepted = offer.accepts_all_issuers
      ? undefined
      : new Set((await issuersOfOffers(db, [offerId])).get(offerId) ?? []);
    const publicId = await this.holds.holdFor(db, program, merchant, resident.residentId, {
      points: Number(offer.price_points),
      merchantOrderId: null,
      ttlSeconds: PURCHASE_TTL_SECONDS,
      offerId,
      acceptedIssuers: accepted,
    });
    return residentRedemptionView(
      await this.reads.one(program, { residentId: resident.residentId }, publicId, db),
    );
  }
}
