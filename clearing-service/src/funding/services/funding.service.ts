import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CanonicalValue, FundingView, TopUpCreate, TopUpResult } from '@tanlian/sdk';
import { DataSource } from 'typeorm';
import { encodeLeaf, residentRef } from '../../audit/leaf-data';
import { AuditLogWriter, LockedHead, NewLeaf } from '../../audit/services/audit-log-writer';
import {
  lockUnfunded,
  markFunded,
  unfundedPoints,
  type UnfundedReduction,
} from '../../crediting/services/reductions-store';
import { retryOnDeadlock } from '../../database/deadlock-retry';
import { AccountKey, NO_EXPIRY } from '../../ledger/ledger-account';
import { pointsExpiryFor } from '../../ledger/points-expiry';
import { creditedByReference, issuerBalances } from '../../ledger/services/ledger-store';
import { LedgerWriter, NewTransaction } from '../../ledger/services/ledger-writer';
import { transactionLeafPart } from '../../ledger/transaction-leaf';
import type { Participant } from '../../tenancy/entities/participant.entity';
import type { Program } from '../../tenancy/entities/program.entity';
import { notAnOperator } from '../../tenancy/tenancy-errors';
import { notPrepaid, topUpReferenceReused } from '../funding-errors';

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
  ) {}

  async view(program: Program, operator: Participant): Promise<FundingView> {
    if (!operator.isOperator) {
      throw notAnOperator(operator.code, 'it funds no points');
    }
    const { block, mint } = await issuerBalances(this.dataSource, program.id, operator.id);
    const unfunded = await unfundedPoints(this.dataSource, program.id, operator.id);
    return {
      operator: operator.code,
      fundingMode: operator.fundingMode ?? 'postpaid',
      blockPoints: String(block),
      // The mint's negative balance is every point ever created; what is not in the block is out there.
      issuedPoints: String(-mint - block),
      unfundedPoints: unfunded,
    };
  }

  async topUp(program: Program, operator: Participant, input: TopUpCreate): Promise<TopUpResult> {
    if (operator.fundingMode !== 'prepaid') {
      throw notPrepaid(operator.code);
    }
    // Idempotent per operator: two operators may well use the same payment reference.
    const reference = `top_up:${operator.id}:${input.reference}`;
    // A deadlock victim was rolled back whole: running it again is safe (and idempotent anyway).
    const replayed = await retryOnDeadlock(() =>
      this.dataSource.transaction('READ COMMITTED', async (db) => {
        const head = await this.audit.lockHead(db, program.id);
        const existing = await creditedByReference(db, program.id, reference);
        if (existing !== null) {
          if (BigInt(existing) !== BigInt(input.points)) {
            throw topUpReferenceReused(input.reference, existing);
          }
          return true;
        }
        const mint: AccountKey = {
          issuerId: operator.id,
          kind: 'issuer_mint',
          ownerId: 0,
          expiresOn: NO_EXPIRY,
        };
        const block: AccountKey = {
          issuerId: operator.id,
          kind: 'issuer_block',
          ownerId: 0,
          expiresOn: NO_EXPIRY,
        };
        const now = new Date();
        const accounts = await this.ledger.lockAccounts(db, program.id, [mint, block]);
        const tx: NewTransaction = {
          kind: 'top_up',
          reference,
          postings: [
            { account: mint, amount: -input.points },
            { account: block, amount: input.points },
          ],
        };
        const [written] = await this.ledger.write(db, program.id, [tx], accounts, now);
        const body: { [key: string]: CanonicalValue } = {
          type: 'top_up',
          program: program.code,
          at: now.toISOString(),
          issuer: operator.code,
          transaction: transactionLeafPart(written, operator.code, head.residentSalt),
        };
        await this.audit.append(
          db,
          head,
          [{ kind: 'ledger_transaction', refId: written.id, data: encodeLeaf(body) }],
          now,
        );
        return false;
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
      replayed,
      funding: await this.view(program, operator),
      released: { reductions: released.reductions, points: String(released.points) },
    };
  }

  /** Issues waiting points oldest first, as far as the block goes; one transaction. */
  private releaseBatch(
    program: Program,
    operator: Participant,
  ): Promise<{ reductions: number; points: bigint }> {
    return retryOnDeadlock(() =>
      this.dataSource.transaction('READ COMMITTED', async (db) => {
        const head = await this.audit.lockHead(db, program.id);
        const waiting = await lockUnfunded(db, program.id, operator.id, RELEASE_BATCH);
        if (waiting.length === 0) return { reductions: 0, points: 0n };
        const now = new Date();
        const block: AccountKey = {
          issuerId: operator.id,
          kind: 'issuer_block',
          ownerId: 0,
          expiresOn: NO_EXPIRY,
        };
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
        let left = accounts.get(`${operator.id}|issuer_block|0|${NO_EXPIRY}`)?.balance ?? 0;
        const funded: UnfundedReduction[] = [];
        for (const w of waiting) {
          if (w.points > left) break; // strictly oldest first: a big one waits, later ones too
          left -= w.points;
          funded.push(w);
        }
        if (funded.length === 0) return { reductions: 0, points: 0n };
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
        await this.audit.append(
          db,
          head,
          releaseLeaves(program, operator, head, funded, written, now),
          now,
        );
        return {
          reductions: funded.length,
          points: funded.reduce((s, w) => s + BigInt(w.points), 0n),
        };
      }),
    );
  }
}

function releaseLeaves(
  program: Program,
  operator: Participant,
  head: LockedHead,
  funded: UnfundedReduction[],
  written: Awaited<ReturnType<LedgerWriter['write']>>,
  now: Date,
): NewLeaf[] {
  return funded.map((w, i) => ({
    kind: 'ledger_transaction',
    refId: written[i].id,
    data: encodeLeaf({
      type: 'points_release',
      program: program.code,
      at: now.toISOString(),
      reduction: String(w.id),
      resident: residentRef(head.residentSalt, w.residentId),
      transaction: transactionLeafPart(written[i], operator.code, head.residentSalt),
    }),
  }));
}
