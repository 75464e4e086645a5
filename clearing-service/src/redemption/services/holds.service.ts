import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { HoldCreate, HoldRefund, RedemptionEventPayload, RedemptionView } from '@tanlian/sdk';
import { HOLD_TTL_SECONDS } from '@tanlian/sdk';
import { randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { redemptionSecret } from '../../audit/entry-secrets';
import { ParticipantEvents } from '../../callbacks/services/participant-events-writer';
import {
  type NewClearingEntry,
  recordClearingEntries,
} from '../../clearing/services/clearing-entries-store';
import { stampingCycle } from '../../clearing/services/stamping';
import { AuditLogWriter, type NewLeaf } from '../../audit/services/audit-log-writer';
import { ResidentChains, type ResidentEntries } from '../../audit/services/resident-chains';
import { type AccountKey, NO_EXPIRY } from '../../ledger/ledger-account';
import { lockResidentLots } from '../../ledger/services/ledger-store';
import { LedgerWriter, type NewTransaction } from '../../ledger/services/ledger-writer';
import { residentTransactionPartOf } from '../../ledger/transaction-leaf';
import type { Participant } from '../../tenancy/entities/participant.entity';
import type { Program } from '../../tenancy/entities/program.entity';
import { participantCodes } from '../../tenancy/services/participants-store';
import { chinaDay } from '../../time/china-time';
import {
  allocateHold,
  allocateRefund,
  splitCapture,
  type Allocation,
} from '../allocation/lot-allocation';
import {
  exceedsHoldAmount,
  holdAlreadyCaptured,
  holdAlreadyVoided,
  holdExpired,
  holdNotCaptured,
  holdNotFound,
  insufficientPoints,
  issuerNotAccepted,
  refundExceedsCaptured,
  refundIdReused,
} from '../redemption-errors';
import { redemptionView } from '../views';
import { returnToStock } from '../../merchants/services/offers-store';
import { consumeRedemptionCode } from './code-consumption';
import { uncountPurchase } from './purchase-days-store';
import { RedemptionReads } from './redemption-reads';
import {
  allocationsOf,
  insertAllocations,
  insertRedemption,
  oldestExpiredHold,
  recordRefund,
  redemptionOf,
  refundOf,
  resolveRedemption,
  type AllocationRow,
  type RedemptionRow,
} from './redemptions-store';

/** Whose entry a redemption's transaction is, and how its leaf names the organisations in it. */
interface EntryOf {
  residentId: number;
  redemptionId: number;
  publicId: string;
  merchantCode: string;
  merchantOrderId: string | null;
  issuerCodes: ReadonlyMap<number, string>;
}

function entryOf(
  r: RedemptionRow,
  merchantCode: string,
  issuerCodes: ReadonlyMap<number, string>,
): EntryOf {
  return {
    residentId: r.residentId,
    redemptionId: r.id,
    publicId: r.publicId,
    merchantCode,
    merchantOrderId: r.merchantOrderId,
    issuerCodes,
  };
}

type LeafType =
  'redemption_hold' | 'redemption_capture' | 'redemption_release' | 'redemption_refund';

/**
 * Holds on residents' points, and their capture or release (docs/redemption.md), each in the
 * caller's transaction (the idempotency layer's): a hold spends the resident's code, takes their
 * lots oldest expiry first into the lots' held accounts; a capture moves what it takes to the
 * merchant's clearing account of each issuer and the rest back to its lots; a void moves all back.
 * Each is one ledger transaction and one resident entry in the audit log. Locks in one order: the
 * code, the resident's lots and held accounts, the redemption, the resident's chain, the log head.
 */
@Injectable()
export class HoldsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerWriter,
    private readonly chains: ResidentChains,
    private readonly audit: AuditLogWriter,
    private readonly reads: RedemptionReads,
    private readonly events: ParticipantEvents,
  ) {}

  async hold(
    db: EntityManager,
    program: Program,
    merchant: Participant,
    input: HoldCreate,
  ): Promise<RedemptionView> {
    const residentId = await consumeRedemptionCode(
      db,
      program.id,
      input.code,
      merchant.id,
      input.points,
    );
    const publicId = await this.holdFor(db, program, merchant, residentId, {
      points: input.points,
      merchantOrderId: input.merchantOrderId ?? null,
      ttlSeconds: input.ttlSeconds ?? HOLD_TTL_SECONDS.default,
      offerId: null,
    });
    return this.view(program, merchant, publicId, db);
  }

  /**
   * Holds `points` of the resident's unexpired lots, oldest expiry first, into the lots' held
   * accounts; only `acceptedIssuers`' points when given (an offer's). The caller has the
   * resident's consent: a code it spent, or the resident's own session (a purchase). Answers the
   * redemption's public id.
   */
  async holdFor(
    db: EntityManager,
    program: Program,
    merchant: Participant,
    residentId: number,
    what: {
      points: number;
      merchantOrderId: string | null;
      ttlSeconds: number;
      offerId: number | null;
      acceptedIssuers?: ReadonlySet<number>;
    },
  ): Promise<string> {
    const now = new Date();
    const lots = await lockResidentLots(db, program.id, residentId, chinaDay(now));
    const codes = await participantCodes(db, [...new Set(lots.map((l) => l.issuerId))]);
    const asLots = (accepted: ReadonlySet<number> | undefined) =>
      lots
        .filter((l) => accepted === undefined || accepted.has(l.issuerId))
        .map((l) => ({
          lotId: l.lotId,
          issuer: codes.get(l.issuerId)!,
          expiresOn: l.expiresOn,
          available: l.balance,
        }));
    const allocation = allocateHold(asLots(what.acceptedIssuers), what.points);
    if (!allocation.ok) {
      // Enough points, but not of the issuers the offer accepts: say so, not "insufficient".
      if (what.acceptedIssuers && allocateHold(asLots(undefined), what.points).ok)
        throw issuerNotAccepted(allocation.available, what.points);
      throw insufficientPoints(allocation.available, what.points);
    }
    const issuerOfLot = new Map(lots.map((l) => [l.lotId, l.issuerId]));
    const taken = allocation.allocations.map((a) => ({
      ...a,
      issuerId: issuerOfLot.get(a.lotId)!,
    }));
    const publicId = `rd_${randomBytes(8).toString('hex')}`;
    const redemptionId = await insertRedemption(db, {
      programId: program.id,
      publicId,
      residentId,
      merchantId: merchant.id,
      merchantOrderId: what.merchantOrderId,
      offerId: what.offerId,
      points: what.points,
      ttlSeconds: what.ttlSeconds,
    });
    await insertAllocations(db, redemptionId, taken);
    const postings = taken.flatMap((a) => [
      { account: lotKey(residentId, a), amount: -a.points },
      { account: heldKey(residentId, a), amount: a.points },
    ]);
    const entry: EntryOf = {
      residentId,
      redemptionId,
      publicId,
      merchantCode: merchant.code,
      merchantOrderId: what.merchantOrderId,
      issuerCodes: codes,
    };
    const posted = await this.post(db, program, entry, {
      type: 'redemption_hold',
      tx: { kind: 'hold', reference: `hold:${publicId}`, postings },
      now,
    });
    await this.announce(db, program, merchant.id, 'redemption.held', publicId);
    await this.appendLeaf(db, program, posted.leaf, now);
    return publicId;
  }

  /** Captures `points` (the whole hold when undefined); the rest goes back to its lots. */
  async capture(
    db: EntityManager,
    program: Program,
    merchant: Participant,
    publicId: string,
    points: number | undefined,
  ): Promise<RedemptionView> {
    const cycle = await stampingCycle(db, program);
    const r = await this.heldRedemption(db, program, merchant, publicId);
    const take = points ?? r.heldPoints;
    if (take > r.heldPoints) throw exceedsHoldAmount(r.heldPoints, take);
    const { held, codes } = await this.allocations(db, r.id);
    const { captured, released } = splitCapture(held, take);
    const postings = [
      ...held.map((a) => ({ account: heldKey(r.residentId, a), amount: -a.points })),
      ...captured.map((a) => ({ account: clearingKey(merchant.id, a), amount: a.points })),
      ...released.map((a) => ({ account: lotKey(r.residentId, a), amount: a.points })),
    ];
    await resolveRedemption(db, r.id, 'captured', captured);
    const now = new Date();
    const posted = await this.post(db, program, entryOf(r, merchant.code, codes), {
      type: 'redemption_capture',
      tx: { kind: 'capture', reference: `capture:${publicId}`, postings },
      now,
    });
    await recordClearingEntries(
      db,
      program.id,
      cycle,
      clearingLines(r, merchant, captured, posted.txId, null),
      now,
    );
    const view = await this.announce(db, program, merchant.id, 'redemption.captured', publicId);
    await this.appendLeaf(db, program, posted.leaf, now);
    return view;
  }

  /**
   * Gives `points` of a capture back under the merchant's refund id: newest expiry first to the
   * lots the capture took (allocateRefund); onto a lot that has expired since, the points expire
   * (to the issuer's expired account: the program default, docs/redemption.md). The same refund id
   * again is the same refund: answered as it stands, no second effect.
   */
  async refund(
    db: EntityManager,
    program: Program,
    merchant: Participant,
    publicId: string,
    input: HoldRefund,
  ): Promise<RedemptionView> {
    const cycle = await stampingCycle(db, program);
    const r = await redemptionOf(db, program.id, { merchantId: merchant.id }, publicId, true);
    if (!r) throw holdNotFound();
    const earlier = await refundOf(db, r.id, input.refundId);
    if (earlier !== null) {
      if (earlier !== input.points) throw refundIdReused(input.refundId, earlier);
      return this.view(program, merchant, publicId, db);
    }
    if (r.status !== 'captured' && r.status !== 'partially_refunded') throw holdNotCaptured();
    const left = r.capturedPoints - r.refundedPoints;
    if (input.points > left) throw refundExceedsCaptured(left, input.points);
    const { captured, refunded, codes } = await this.allocations(db, r.id);
    const back = allocateRefund(captured, refunded, input.points);
    if (!back.ok) throw refundExceedsCaptured(back.available, input.points);
    const now = new Date();
    const today = chinaDay(now);
    const postings = back.allocations.flatMap((a) => [
      { account: clearingKey(merchant.id, a), amount: -a.points },
      {
        account: a.expiresOn < today ? expiredKey(a) : lotKey(r.residentId, a),
        amount: a.points,
      },
    ]);
    await recordRefund(db, r, input.refundId, back.allocations);
    const posted = await this.post(db, program, entryOf(r, merchant.code, codes), {
      type: 'redemption_refund',
      tx: { kind: 'refund', reference: `refund:${publicId}:${input.refundId}`, postings },
      now,
    });
    await recordClearingEntries(
      db,
      program.id,
      cycle,
      clearingLines(r, merchant, back.allocations, posted.txId, input.refundId),
      now,
    );
    const view = await this.announce(db, program, merchant.id, 'refund.succeeded', publicId, input);
    await this.appendLeaf(db, program, posted.leaf, now);
    return view;
  }

  /** Releases the whole hold back to its lots. */
  async void(
    db: EntityManager,
    program: Program,
    merchant: Participant,
    publicId: string,
  ): Promise<RedemptionView> {
    const r = await this.heldRedemption(db, program, merchant, publicId);
    await this.release(db, program, merchant.code, r, 'voided');
    return this.view(program, merchant, publicId, db);
  }

  /**
   * Releases the program's oldest hold past its time (database clock), one a call, skipping one
   * a capture holds now; false when none is due. The worker's sweeper runs it (HoldExpiry).
   */
  async expireOldest(db: EntityManager, program: Program): Promise<boolean> {
    const r = await oldestExpiredHold(db, program.id);
    if (!r) return false;
    const codes = await participantCodes(db, [r.merchantId]);
    await this.release(db, program, codes.get(r.merchantId)!, r, 'expired');
    return true;
  }

  private async release(
    db: EntityManager,
    program: Program,
    merchantCode: string,
    r: RedemptionRow,
    status: 'voided' | 'expired',
  ): Promise<void> {
    if (r.offerId !== null) {
      // The resident never got the item: it goes back on sale, and off their day's count.
      await returnToStock(db, r.offerId);
      await uncountPurchase(db, r.offerId, r.residentId, r.createdAt);
    }
    const { held, codes } = await this.allocations(db, r.id);
    const postings = held.flatMap((a) => [
      { account: heldKey(r.residentId, a), amount: -a.points },
      { account: lotKey(r.residentId, a), amount: a.points },
    ]);
    await resolveRedemption(db, r.id, status, []);
    const now = new Date();
    const posted = await this.post(db, program, entryOf(r, merchantCode, codes), {
      type: 'redemption_release',
      tx: { kind: 'release', reference: `release:${r.publicId}`, postings },
      now,
    });
    const type = status === 'voided' ? 'redemption.voided' : 'redemption.expired';
    await this.announce(db, program, r.merchantId, type, r.publicId);
    await this.appendLeaf(db, program, posted.leaf, now);
  }

  /**
   * The merchant's view of the redemption right after an effect, and the merchant's webhook of it
   * written in the same transaction (callbacks' outbox: nothing when it has no callback).
   */
  private async announce(
    db: EntityManager,
    program: Program,
    merchantId: number,
    type: RedemptionEventPayload['type'],
    publicId: string,
    refund?: HoldRefund,
  ): Promise<RedemptionView> {
    const redemption = redemptionView(await this.reads.one(program, { merchantId }, publicId, db));
    const fields = refund ? { redemption, refund } : { redemption };
    await this.events.enqueue(db, {
      programId: program.id,
      participantId: merchantId,
      type,
      fields,
    });
    return redemption;
  }

  /** The merchant's redemption as it stands (in `db`, the caller's transaction, when given). */
  async view(
    program: Program,
    merchant: Participant,
    publicId: string,
    db: EntityManager = this.dataSource.manager,
  ): Promise<RedemptionView> {
    return redemptionView(await this.reads.one(program, { merchantId: merchant.id }, publicId, db));
  }

  /** The merchant's redemption, locked, while it is held and not past its time (database clock). */
  private async heldRedemption(
    db: EntityManager,
    program: Program,
    merchant: Participant,
    publicId: string,
  ): Promise<RedemptionRow> {
    const r = await redemptionOf(db, program.id, { merchantId: merchant.id }, publicId, true);
    if (!r) throw holdNotFound();
    if (r.status === 'captured' || r.status === 'partially_refunded' || r.status === 'refunded')
      throw holdAlreadyCaptured();
    if (r.status === 'voided') throw holdAlreadyVoided();
    // A late capture is refused at once, before the sweeper has released it.
    if (r.status === 'expired' || r.expired) throw holdExpired();
    return r;
  }

  /**
   * The redemption's allocations and their issuers' codes (one read of each), as what each lot
   * held, the capture took and refunds gave back, each with the issuer's id beside its code.
   */
  private async allocations(db: EntityManager, redemptionId: number) {
    const rows = await allocationsOf(db, redemptionId);
    const codes = await participantCodes(db, [...new Set(rows.map((a) => a.issuerId))]);
    const as = (a: AllocationRow, points: number): Allocation & OfLot => ({
      lotId: a.lotId,
      issuerId: a.issuerId,
      issuer: codes.get(a.issuerId)!,
      expiresOn: a.expiresOn,
      points,
    });
    return {
      codes,
      held: rows.map((a) => as(a, a.heldPoints)),
      captured: rows.map((a) => as(a, a.capturedPoints)),
      refunded: rows.map((a) => as(a, a.refundedPoints)),
    };
  }

  /**
   * One ledger transaction and its resident entry (the chain moved and saved); answers the
   * transaction's id and the entry's leaf, which the caller appends last (`appendLeaf`).
   */
  private async post(
    db: EntityManager,
    program: Program,
    entry: EntryOf,
    what: { type: LeafType; tx: NewTransaction; now: Date },
  ): Promise<{ txId: number; leaf: NewLeaf }> {
    const { residentId, redemptionId, publicId, merchantCode, merchantOrderId } = entry;
    const { type, tx, now } = what;
    const accounts = await this.ledger.lockAccounts(
      db,
      program.id,
      tx.postings.map((p) => p.account),
    );
    const entries: ResidentEntries = await this.chains.lock(db, program.id, [residentId]);
    const [written] = await this.ledger.write(db, program.id, [tx], accounts, now);
    const leaf: NewLeaf = entries.entry(
      residentId,
      'ledger_transaction',
      written.id,
      redemptionId,
      {
        body: {
          type,
          program: program.code,
          day: chinaDay(now),
          transaction: residentTransactionPartOf(
            written,
            (issuerId) => entry.issuerCodes.get(issuerId)!,
            (account) => (account.kind === 'merchant_clearing' ? merchantCode : null),
          ),
        },
        secret: redemptionSecret({
          redemption: publicId,
          merchant: merchantCode,
          merchantOrderId,
        }),
      },
    );
    await this.chains.save(db, entries);
    return { txId: written.id, leaf };
  }

  /**
   * Appends the operation's leaf under the program's log head, the last statement before commit:
   * the head is the one lock every capture shares with crediting, so it is held for the append
   * and the commit alone (bench:clearing measures its ceiling).
   */
  private async appendLeaf(
    db: EntityManager,
    program: Program,
    leaf: NewLeaf,
    now: Date,
  ): Promise<void> {
    await this.audit.append(db, await this.audit.lockHead(db, program.id), [leaf], now);
  }
}

/**
 * A capture's (refundId null) or refund's lines of its cycle's sub-ledger, one per lot it moved:
 * what the merchant's reconciliation file lists. A refund's points are negative.
 */
function clearingLines(
  r: RedemptionRow,
  merchant: Participant,
  allocations: readonly (Allocation & OfLot)[],
  ledgerTransactionId: number,
  refundId: string | null,
): NewClearingEntry[] {
  return allocations
    .filter((a) => a.points > 0)
    .map((a) => ({
      merchantId: merchant.id,
      issuerId: a.issuerId,
      type: refundId === null ? 'capture' : 'refund',
      points: refundId === null ? a.points : -a.points,
      redemptionPublicId: r.publicId,
      merchantOrderId: r.merchantOrderId,
      refundId,
      lotExpiresOn: a.expiresOn,
      heldAt: r.createdAt,
      ledgerTransactionId,
    }));
}

type OfLot = { issuerId: number; expiresOn: string };

const lotKey = (residentId: number, a: OfLot): AccountKey => ({
  issuerId: a.issuerId,
  kind: 'resident',
  ownerId: residentId,
  expiresOn: a.expiresOn,
});

const heldKey = (residentId: number, a: OfLot): AccountKey => ({
  ...lotKey(residentId, a),
  kind: 'resident_held',
});

const expiredKey = (a: { issuerId: number }): AccountKey => ({
  issuerId: a.issuerId,
  kind: 'issuer_expired',
  ownerId: 0,
  expiresOn: NO_EXPIRY,
});

const clearingKey = (merchantId: number, a: { issuerId: number }): AccountKey => ({
  issuerId: a.issuerId,
  kind: 'merchant_clearing',
  ownerId: merchantId,
  expiresOn: NO_EXPIRY,
});
