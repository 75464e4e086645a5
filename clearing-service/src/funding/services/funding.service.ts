import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  CanonicalValue,
  FundingView,
  CreditLimitSet,
  TopUpCreate,
  TopUpResult,
  TopUpsPage,
  TopUpsQuery,
} from '@tanlian/sdk';
import { DataSource } from 'typeorm';
import { releaseSecret } from '../../audit/entry-secrets';
import { encodeLeaf } from '../../audit/leaf-data';
import { AuditLogWriter, type NewLeaf } from '../../audit/services/audit-log-writer';
import { ResidentChains, type ResidentEntries } from '../../audit/services/resident-chains';
import {
  lockUnfunded,
  markFunded,
  unfundedPoints,
  type UnfundedReduction,
} from '../../crediting/services/reductions-store';
import { retryOnDeadlock } from '../../database/deadlock-retry';
import { eventIdsOf } from '../../ingest/services/inbox-status-store';
import { type AccountKey, accountKeyString, NO_EXPIRY } from '../../ledger/ledger-account';
import { pointsExpiryFor } from '../../ledger/points-expiry';
import { creditedByReference, issuerBalances } from '../../ledger/services/ledger-store';
import {
  LedgerWriter,
  type NewTransaction,
  type WrittenTransaction,
} from '../../ledger/services/ledger-writer';
import {
  organisationTransactionPart,
  residentTransactionPart,
} from '../../ledger/transaction-leaf';
import type { Participant } from '../../tenancy/entities/participant.entity';
import type { Program } from '../../tenancy/entities/program.entity';
import { notAnOperator } from '../../tenancy/tenancy-errors';
import { chinaDay } from '../../time/china-time';
import { notPostpaid, notPrepaid, topUpReferenceReused } from '../funding-errors';
import { creditLimitOf, setCreditLimit } from './credit-limits-store';
import { outstandingPoints } from './credit-limit-watch';
import {
  bookReserveEntry,
  lockReserve,
  reserveBalance,
  topUpByReference,
  topUpHistory,
} from './reserve-store';

// Waiting points are issued in transactions of this many reductions, oldest first.
const RELEASE_BATCH = 500;

/**
 * Prepaid funding: a top-up moves points from the issuer's mint to its block (one ledger
 * transaction, one audit leaf, idempotent by reference); then reductions whose points waited,
 * unfunded, are issued from the block oldest first while it lasts.
 */
@Injectable()
export class FundingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerWriter,
    private readonly audit: AuditLogWriter,
    private readonly chains: ResidentChains,
  ) {}

  async view(program: Program, operator: Participant): Promise<FundingView> {
    if (!operator.isOperator) {
      throw notAnOperator(operator.code, 'it funds no points');
    }
    const balances = await issuerBalances(this.dataSource, program.id, operator.id);
    const { block, mint } = balances;
    const unfunded = await unfundedPoints(this.dataSource, program.id, operator.id);
    const limit = await creditLimitOf(this.dataSource, program.id, operator.id);
    return {
      operator: operator.code,
      fundingMode: operator.fundingMode ?? 'postpaid',
      blockPoints: String(block),
      // The mint's negative balance is every point ever created; what is not in the block is out there.
      issuedPoints: String(-mint - block),
      unfundedPoints: unfunded,
      outstandingPoints: String(outstandingPoints(balances)),
      creditLimitPoints: limit ? String(limit.limitPoints) : null,
      creditLimitReached: limit?.reachedAt != null,
      reserveFen: String(await reserveBalance(this.dataSource, program.id, operator.id)),
    };
  }

  /** Sets or removes a postpaid operator's credit limit (its alert re-armed); answers the view. */
  async setCreditLimit(
    program: Program,
    operator: Participant,
    input: CreditLimitSet,
  ): Promise<FundingView> {
    if (!operator.isOperator) throw notAnOperator(operator.code, 'it funds no points');
    if (operator.fundingMode === 'prepaid') throw notPostpaid(operator.code);
    await setCreditLimit(this.dataSource, program.id, operator.id, input.creditLimitPoints);
    return this.view(program, operator);
  }

  /** The operator's top-ups as its reserve booked them, newest first. */
  async topUps(program: Program, operator: Participant, query: TopUpsQuery): Promise<TopUpsPage> {
    if (!operator.isOperator) throw notAnOperator(operator.code, 'it funds no points');
    const before = query.before === undefined ? null : Number(query.before);
    const rows = await topUpHistory(
      this.dataSource,
      program.id,
      operator.id,
      before,
      query.limit + 1,
    );
    const page = rows.slice(0, query.limit);
    return {
      topUps: page.map((t) => ({
        reference: t.reference,
        points: String(t.points),
        amountFen: String(t.amountFen),
        fenPerPoint: t.fenPerPoint,
        reserveAfterFen: String(t.balanceAfterFen),
        at: t.at.toISOString(),
      })),
      next: rows.length > query.limit ? String(page[page.length - 1].id) : null,
    };
  }

  async topUp(program: Program, operator: Participant, input: TopUpCreate): Promise<TopUpResult> {
    if (operator.fundingMode !== 'prepaid') {
      throw notPrepaid(operator.code);
    }
    // Idempotent per operator: two operators may well use the same payment reference.
    const reference = `top_up:${operator.id}:${input.reference}`;
    // A deadlock victim was rolled back whole: running it again is safe (and idempotent anyway).
    const mint = issuerAccount(operator, 'issuer_mint');
    const block = issuerAccount(operator, 'issuer_block');
    const booked = await retryOnDeadlock(() =>
      this.dataSource.transaction('READ COMMITTED', async (db) => {
        // The reserve first (as a cycle's draw takes it, after the cycle row), then the block and
        // mint: a second top-up of this operator waits here, then finds the first one's
        // transaction; the log head last, as every writer of the log takes it.
        const reserve = await lockReserve(db, program.id, operator.id);
        const accounts = await this.ledger.lockAccounts(db, program.id, [mint, block]);
        const existing = await creditedByReference(db, program.id, reference);
        if (existing !== null) {
          if (BigInt(existing) !== BigInt(input.points)) {
            throw topUpReferenceReused(input.reference, existing);
          }
          // What the reserve booked then (at that day's rate); top-ups from before reserves had none.
          const booked = await topUpByReference(db, program.id, operator.id, input.reference);
          return {
            replayed: true,
            amountFen: booked?.amountFen ?? amountFen(program, input.points),
          };
        }
        const now = new Date();
        const tx: NewTransaction = {
          kind: 'top_up',
          reference,
          postings: [
            { account: mint, amount: -input.points },
            { account: block, amount: input.points },
          ],
        };
        const [written] = await this.ledger.write(db, program.id, [tx], accounts, now);
        await bookReserveEntry(db, reserve, {
          programId: program.id,
          operatorId: operator.id,
          kind: 'top_up',
          reference: input.reference,
          amountFen: amountFen(program, input.points),
          points: BigInt(input.points),
          fenPerPoint: program.fenPerPoint,
          cycleSeq: null,
          at: now,
        });
        const body: { [key: string]: CanonicalValue } = {
          type: 'top_up',
          program: program.code,
          at: now.toISOString(),
          issuer: operator.code,
          transaction: organisationTransactionPart(
            written,
            operator.code,
            `top_up:${operator.code}:${input.reference}`,
          ),
        };
        await this.audit.append(
          db,
          await this.audit.lockHead(db, program.id),
          [{ kind: 'ledger_transaction', refId: written.id, data: encodeLeaf(body) }],
          now,
        );
        return { replayed: false, amountFen: amountFen(program, input.points) };
      }),
    );
    const released = { reductions: 0, points: 0n };
    for (;;) {
      const step = await this.releaseBatch(program, operator);
      released.reductions += step.reductions;
      released.points += step.points;
      if (step.reductions < RELEASE_BATCH) break;
    }
    return {
      reference: input.reference,
      points: String(input.points),
      amountFen: String(booked.amountFen),
      replayed: booked.replayed,
      funding: await this.view(program, operator),
      released: { reductions: released.reductions, points: String(released.points) },
    };
  }

  /**
   * Issues waiting points oldest first, as far as the block goes; one transaction. Locks in the
   * order every writer of the log takes them: the reductions, the accounts, the residents' chains,
   * the log head last.
   */
  private releaseBatch(
    program: Program,
    operator: Participant,
  ): Promise<{ reductions: number; points: bigint }> {
    return retryOnDeadlock(() =>
      this.dataSource.transaction('READ COMMITTED', async (db) => {
        const waiting = await lockUnfunded(db, program.id, operator.id, RELEASE_BATCH);
        if (waiting.length === 0) return { reductions: 0, points: 0n };
        const now = new Date();
        const block = issuerAccount(operator, 'issuer_block');
        const lot = (residentId: number): AccountKey => ({
          issuerId: operator.id,
          kind: 'resident',
          ownerId: residentId,
          expiresOn: pointsExpiryFor(now),
        });
        const accounts = await this.ledger.lockAccounts(db, program.id, [
          block,
          ...waiting.map((w) => lot(w.residentId)),
        ]);
        let left = accounts.get(accountKeyString(block))?.balance ?? 0;
        const funded: UnfundedReduction[] = [];
        for (const w of waiting) {
          if (w.points > left) break; // strictly oldest first: a big one waits, later ones too
          left -= w.points;
          funded.push(w);
        }
        if (funded.length === 0) return { reductions: 0, points: 0n };
        const entries = await this.chains.lock(
          db,
          program.id,
          funded.map((w) => w.residentId),
        );
        const written = await this.ledger.write(
          db,
          program.id,
          funded.map((w) => ({
            kind: 'issuance' as const,
            reference: `event:${w.inboxEventId}`,
            postings: [
              { account: block, amount: -w.points },
              { account: lot(w.residentId), amount: w.points },
            ],
          })),
          accounts,
          now,
        );
        await markFunded(
          db,
          funded.map((w, i) => ({ reductionId: w.id, transactionId: written[i].id })),
        );
        const eventIds = await eventIdsOf(
          db,
          funded.map((w) => w.inboxEventId),
        );
        const leaves = funded.map((w, i) =>
          releaseLeaf(
            entries,
            program,
            operator,
            w,
            eventIds.get(w.inboxEventId)!,
            written[i],
            now,
          ),
        );
        await this.chains.save(db, entries);
        await this.audit.append(db, await this.audit.lockHead(db, program.id), leaves, now);
        return {
          reductions: funded.length,
          points: funded.reduce((s, w) => s + BigInt(w.points), 0n),
        };
      }),
    );
  }
}

/** What `points` cost in fen at the program's rate (a whole number of fen a point). */
function amountFen(program: Program, points: number): bigint {
  return BigInt(points) * BigInt(program.fenPerPoint);
}

/** An issuer's mint or prepaid block. */
function issuerAccount(operator: Participant, kind: 'issuer_mint' | 'issuer_block'): AccountKey {
  return { issuerId: operator.id, kind, ownerId: 0, expiresOn: NO_EXPIRY };
}

/** The resident entry of points that waited for a top-up, now issued into the resident's lot. */
function releaseLeaf(
  entries: ResidentEntries,
  program: Program,
  operator: Participant,
  w: UnfundedReduction,
  eventId: string,
  tx: WrittenTransaction,
  now: Date,
): NewLeaf {
  const transaction = residentTransactionPart(tx, operator.code);
  return entries.entry(w.residentId, 'ledger_transaction', tx.id, w.id, {
    body: { type: 'points_release', program: program.code, day: chinaDay(now), transaction },
    secret: releaseSecret({ operator: operator.code, eventId, points: w.points }),
  });
}
