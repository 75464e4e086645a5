import { Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { encodeLeaf } from '../../audit/leaf-data';
import { faultPoint } from '../../config/fault-points';
import { AuditLogWriter, type NewLeaf } from '../../audit/services/audit-log-writer';
import { retryOnDeadlock } from '../../database/deadlock-retry';
import { reserveMovements } from '../../funding/services/reserve-store';
import { LedgerWriter, type NewTransaction } from '../../ledger/services/ledger-writer';
import { organisationTransactionPart } from '../../ledger/transaction-leaf';
import { recordCyclePositions } from '../../reporting/reporting-writer';
import type { Program } from '../../tenancy/entities/program.entity';
import { operatorsOf, participantCodes } from '../../tenancy/services/participants-store';
import { cycleDates, nextCutoff } from '../calendar/cycle-calendar';
import { type CycleFacts, PLATFORM } from '../files/cycle-facts';
import { net } from '../netting/netting';
import { cancelledAccount, clearingAccount } from './clearing-accounts';
import { calendarOf } from './cycle-calendar-of';
import { CycleEvents } from './cycle-events';
import { cycleFiles } from './cycle-files';
import {
  advanceCycle,
  closeAndOpenNext,
  cycleBySeq,
  type CycleRow,
  openCycleSeq,
  openFirstCycle,
} from './cycles-store';
import { storeFile } from './files-store';
import { drawReserves } from './reserve-draws';
import {
  confirmPosition,
  insertObligations,
  insertPositions,
  obligationsOf,
  type PairSum,
  positionsOf,
  sumPairs,
  unconfirmedPositions,
} from './obligations-store';
import {
  cycleNotFound,
  cycleNotIssued,
  nothingToSettle,
  settlementAlreadyConfirmed,
  settlementAmountMismatch,
} from '../clearing-errors';

/**
 * The clearing cycle's steps (src/clearing/README.md), each one transaction that starts with the
 * cycle's row locked and moves its state by compare-and-swap: run again, or after a crash, a step
 * that has happened does nothing and the next one resumes where the cycle stands.
 */
@Injectable()
export class CycleSteps {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerWriter,
    private readonly audit: AuditLogWriter,
    // Absent only in the CLI's check module, which reads facts and runs no step.
    @Optional() private readonly cycleEvents?: CycleEvents,
  ) {}

  /**
   * Closes the program's OPEN cycle now and opens the next (its cut-off the next one after now).
   * Taking the open-cycle row exclusively waits for every capture and refund stamped with it.
   * Answers the closed cycle's seq.
   */
  close(program: Program): Promise<number>;
  /** Only when its cut-off has passed (the worker's schedule): null when it has not. */
  close(program: Program, onlyIfDue: true): Promise<number | null>;
  close(program: Program, onlyIfDue = false): Promise<number | null> {
    return this.step((db) => this.closeIn(db, program, onlyIfDue));
  }

  /** The same in the caller's transaction (the idempotency layer's, for a close through the API). */
  async closeIn(db: EntityManager, program: Program, onlyIfDue: boolean): Promise<number | null> {
    const calendar = calendarOf(program);
    {
      let seq = await openCycleSeq(db, program.id, 'update');
      if (seq === null) {
        await openFirstCycle(db, program.id, new Date(nextCutoff(calendar, Date.now())));
        seq = (await openCycleSeq(db, program.id, 'update'))!;
      }
      const cycle = (await cycleBySeq(db, program.id, seq, true))!;
      const now = await databaseNow(db);
      if (onlyIfDue && cycle.closesAt.getTime() > now) return null;
      const closed = await closeAndOpenNext(
        db,
        program.id,
        seq,
        {
          ...cycleDates(calendar, now, cycle.closesAt.getTime()),
          fenPerPoint: program.fenPerPoint,
          merchantFeeBps: program.merchantFeeBps,
        },
        new Date(nextCutoff(calendar, now)),
      );
      if (closed) await this.events().closed(db, program.id, seq);
      faultPoint('cycle.close.inside');
      return seq;
    }
  }

  /**
   * CLOSED → AGGREGATED: the cycle's lines summed per merchant × issuer (refunds negative), fen
   * once per pair at the rate fixed at close, fees as lines of their own, and one net position
   * per participant, summing to zero (netting.ts asserts it).
   */
  aggregate(program: Program, seq: number): Promise<boolean> {
    return this.step(async (db) => {
      const cycle = await cycleBySeq(db, program.id, seq, true);
      if (cycle?.state !== 'closed') return false;
      const pairs = await sumPairs(db, program.id, seq);
      const netting = net({
        obligations: pairs.map((p) => ({
          merchant: String(p.merchantId),
          issuer: String(p.issuerId),
          points: p.netPoints,
        })),
        rate: { num: BigInt(cycle.fenPerPoint!), den: BigInt(1) },
        merchantFeeBps: BigInt(cycle.merchantFeeBps!),
        platform: String(PLATFORM),
      });
      const byPair = new Map<string, PairSum>(
        pairs.map((p) => [`${p.merchantId}|${p.issuerId}`, p]),
      );
      const obligations = netting.lines.map((l) => ({
        ...byPair.get(`${l.merchant}|${l.issuer}`)!,
        grossFen: l.grossFen,
        feeFen: l.feeFen,
      }));
      await insertObligations(db, cycle.id, obligations);
      const operators = await operatorsOf(db, program.id);
      const sides = new Map<number, { receivable: bigint; payable: bigint; fee: bigint }>();
      const side = (id: number) => {
        let s = sides.get(id);
        if (!s) sides.set(id, (s = { receivable: BigInt(0), payable: BigInt(0), fee: BigInt(0) }));
        return s;
      };
      for (const o of obligations) {
        side(o.merchantId).receivable += o.grossFen;
        side(o.merchantId).fee += o.feeFen;
        side(o.issuerId).payable += o.grossFen;
        if (o.feeFen !== BigInt(0)) side(PLATFORM).receivable += o.feeFen;
      }
      await insertPositions(
        db,
        cycle.id,
        [...sides].map(([participantId, s]) => {
          const netFen = netting.positions.get(String(participantId)) ?? BigInt(0);
          if (netFen !== s.receivable - s.fee - s.payable)
            throw new Error(`participant ${participantId}'s position does not add up`);
          const prepaid = operators.get(participantId)?.fundingMode === 'prepaid';
          return {
            participantId,
            receivableFen: s.receivable,
            payableFen: s.payable,
            feeFen: s.fee,
            netFen,
            method: prepaid && netFen < BigInt(0) ? 'prepaid_reserve' : 'bank',
          } as const;
        }),
      );
      await recordCyclePositions(db, program.id, seq, obligations, await positionsOf(db, cycle.id));
      faultPoint('cycle.aggregate.inside');
      return advanceCycle(db, cycle.id, 'closed', 'aggregated');
    });
  }

  /**
   * AGGREGATED → ISSUED: 注销, one ledger transaction per merchant × issuer moving the cycle's net
   * points from the merchant's clearing account to the issuer's cancelled account (signed: a
   * cycle's refunds reinstate), each with its audit leaf; then every file, stored whole with its
   * SHA-256 in a leaf. A cycle with nothing to pay settles at once.
   */
  issue(program: Program, seq: number): Promise<boolean> {
    return this.step(async (db) => {
      const cycle = await cycleBySeq(db, program.id, seq, true);
      if (cycle?.state !== 'aggregated') return false;
      const now = new Date();
      await drawReserves(db, program.id, cycle, now);
      const facts = await this.factsOf(db, program, cycle);
      const leaves = await this.cancel(db, program, facts, now);
      // The files' leaves are appended together after the last file, in one multi-row insert per
      // 1,000: a cycle of 1,000 merchants has ~4,000 files, and an append per file doubled the
      // issue's round trips (bench:clearing).
      const fileLeaves: NewLeaf[] = [];
      for await (const file of cycleFiles(db, program.id, facts, leaves)) {
        const stored = await storeFile(db, cycle.id, file, now);
        const body = {
          type: 'clearing_file',
          program: program.code,
          at: now.toISOString(),
          cycle: seq,
          participant:
            file.participantId === PLATFORM ? null : facts.codes.get(file.participantId)!,
          kind: file.kind,
          format: file.format,
          name: file.name,
          sha256: stored.sha256,
          bytes: stored.bytes,
        };
        fileLeaves.push({ kind: 'clearing_file', refId: stored.id, data: encodeLeaf(body) });
        faultPoint('cycle.issue.file'); // one file stored, the others not yet: none committed
      }
      const head = await this.audit.lockHead(db, program.id);
      for (let i = 0; i < fileLeaves.length; i += 1_000)
        await this.audit.append(db, head, fileLeaves.slice(i, i + 1_000), now);
      faultPoint('cycle.issue.inside');
      await advanceCycle(db, cycle.id, 'aggregated', 'issued');
      await this.events().statementsAvailable(db, program.id, cycle);
      if (facts.positions.every((p) => p.netFen === BigInt(0)))
        await advanceCycle(db, cycle.id, 'issued', 'settled');
      return true;
    });
  }

  /**
   * A participant's confirmation that it paid (or received) its net position: the amount must be
   * the instruction's. ISSUED → SETTLING with the first, → SETTLED with the last.
   */
  confirm(
    program: Program,
    seq: number,
    participantId: number,
    confirmation: { bankReference: string; amountFen: bigint },
  ): Promise<void> {
    return this.step((db) => this.confirmIn(db, program, seq, participantId, confirmation));
  }

  /** The same in the caller's transaction (the idempotency layer's). */
  async confirmIn(
    db: EntityManager,
    program: Program,
    seq: number,
    participantId: number,
    confirmation: { bankReference: string; amountFen: bigint },
  ): Promise<void> {
    {
      const cycle = await cycleBySeq(db, program.id, seq, true);
      if (!cycle) throw cycleNotFound(String(seq));
      if (cycle.state !== 'issued' && cycle.state !== 'settling' && cycle.state !== 'settled')
        throw cycleNotIssued(cycle.state);
      const position = (await positionsOf(db, cycle.id)).find(
        (p) => p.participantId === participantId,
      );
      if (!position || position.netFen === BigInt(0)) throw nothingToSettle();
      if (position.confirmedAt) throw settlementAlreadyConfirmed(position.bankReference!);
      const owed = position.netFen < BigInt(0) ? -position.netFen : position.netFen;
      if (confirmation.amountFen !== owed) throw settlementAmountMismatch(owed);
      await confirmPosition(db, cycle.id, participantId, confirmation.bankReference, owed);
      await advanceCycle(db, cycle.id, 'issued', 'settling');
      if ((await unconfirmedPositions(db, cycle.id)) === 0)
        await advanceCycle(db, cycle.id, 'settling', 'settled');
    }
  }

  /** The cancellations of the cycle; the leaf index of each, by `merchant|issuer`. */
  private async cancel(
    db: EntityManager,
    program: Program,
    facts: CycleFacts,
    now: Date,
  ): Promise<Map<string, number>> {
    const pairs = facts.obligations.filter((o) => o.netPoints !== BigInt(0));
    const txs: NewTransaction[] = pairs.map((o) => ({
      kind: 'cancellation',
      reference: `cancellation:${facts.seq}:${facts.codes.get(o.merchantId)}:${facts.codes.get(o.issuerId)}`,
      postings: [
        { account: clearingAccount(o.merchantId, o.issuerId), amount: -Number(o.netPoints) },
        { account: cancelledAccount(o.issuerId), amount: Number(o.netPoints) },
      ],
    }));
    const leaves = new Map<string, number>();
    if (txs.length === 0) return leaves;
    const accounts = await this.ledger.lockAccounts(
      db,
      program.id,
      txs.flatMap((t) => t.postings.map((p) => p.account)),
    );
    const written = await this.ledger.write(db, program.id, txs, accounts, now);
    const newLeaves: NewLeaf[] = written.map((tx, i) => {
      const o = pairs[i];
      const merchant = facts.codes.get(o.merchantId)!;
      const issuer = facts.codes.get(o.issuerId)!;
      return {
        kind: 'ledger_transaction',
        refId: tx.id,
        data: encodeLeaf({
          type: 'clearing_cancellation',
          program: program.code,
          at: now.toISOString(),
          cycle: facts.seq,
          merchant,
          issuer,
          transaction: organisationTransactionPart(tx, issuer, tx.reference, (a) =>
            a.kind === 'merchant_clearing' ? merchant : null,
          ),
        }),
      };
    });
    const indices = await this.audit.append(
      db,
      await this.audit.lockHead(db, program.id),
      newLeaves,
      now,
    );
    pairs.forEach((o, i) => leaves.set(`${o.merchantId}|${o.issuerId}`, indices[i]));
    return leaves;
  }

  /** What the cycle's files are made of (cycle-facts.ts). */
  async factsOf(db: EntityManager, program: Program, cycle: CycleRow): Promise<CycleFacts> {
    const obligations = await obligationsOf(db, cycle.id);
    const positions = await positionsOf(db, cycle.id);
    const ids = [
      ...new Set([
        ...obligations.flatMap((o) => [o.merchantId, o.issuerId]),
        ...positions.map((p) => p.participantId).filter((id) => id !== PLATFORM),
      ]),
    ];
    return {
      program: program.code,
      seq: cycle.seq,
      openedAt: cycle.openedAt,
      closedAt: cycle.closedAt!,
      tradeDate: cycle.tradeDate!,
      valueDate: cycle.valueDate!,
      fenPerPoint: cycle.fenPerPoint!,
      codes: await participantCodes(db, ids),
      obligations,
      positions,
      reserves: await reserveMovements(db, program.id, cycle.seq),
    };
  }

  private events(): CycleEvents {
    if (!this.cycleEvents) throw new Error('CycleSteps without CycleEvents runs no step');
    return this.cycleEvents;
  }

  private step<T>(work: (db: EntityManager) => Promise<T>): Promise<T> {
    return retryOnDeadlock(() => this.dataSource.transaction(work));
  }
}

async function databaseNow(db: EntityManager): Promise<number> {
  const [row]: { now: Date }[] = await db.query('SELECT NOW(3) AS now');
  return row.now.getTime();
}
