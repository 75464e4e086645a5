import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditLogWriter, NewLeaf } from '../../audit/services/audit-log-writer';
import { ResidentChains, type ResidentEntries } from '../../audit/services/resident-chains';
import { CallbackOutbox } from '../../callbacks/services/callback-outbox-writer';
import {
  consecutiveInsertIds,
  insertRows,
  noWait,
  placeholders,
  SqlRunner,
  StatementQueue,
} from '../../database/sql';
import { AccountKey, accountKeyString, issuanceSource } from '../../ledger/ledger-account';
import { pointsExpiryFor } from '../../ledger/points-expiry';
import {
  LedgerWriter,
  LockedAccount,
  NewTransaction,
  WrittenTransaction,
} from '../../ledger/services/ledger-writer';
import type { CapCounter } from '../cap-counter';
import { recordOutcomes } from '../event-outcomes';
import { reductionCreditLeaf } from '../reduction-credit-leaf';
import type { Decision } from '../crediting-plan';
import { decidedEvents } from '../decided-events';
import { chinaDay } from '../../time/china-time';
import { recordReductions } from '../../reporting/reporting-writer';
import type { PointConversion } from '../point-conversion';

export interface ProgramFacts {
  id: number;
  code: string;
  gramsPerPoint: number;
  bindingWindowHours: number;
  operators: Map<number, { code: string; fundingMode: 'prepaid' | 'postpaid' }>;
}

type Credit = Extract<Decision, { kind: 'credit' }>;

interface Issuance {
  credit: Credit;
  points: number;
  funded: boolean;
  transaction: NewTransaction | null;
}

/** Writes one planned batch: ledger, reductions, audit leaves, caps, remainders and event outcomes. */
@Injectable()
export class CreditingWriter {
  constructor(
    private readonly ledger: LedgerWriter,
    private readonly audit: AuditLogWriter,
    private readonly chains: ResidentChains,
    private readonly outbox: CallbackOutbox,
  ) {}

  async write(
    db: EntityManager,
    batch: {
      program: ProgramFacts;
      decisions: Decision[];
      points: PointConversion;
      caps: CapCounter;
      /** Behaviours whose readings feed a baseline (metered_use). */
      metered: Set<string>;
      now: Date;
    },
  ): Promise<void> {
    const { program, decisions, now } = batch;
    // Statements are queued without waiting wherever nothing needs their result, so the server
    // writes while this process prepares what follows (see StatementQueue). Still one transaction.
    const queue = new StatementQueue(db);
    await queue.run(async () => {
      const credits = decisions.filter((d): d is Credit => d.kind === 'credit');
      // Nothing is queued yet: issue() reads and locks the accounts on the transaction itself.
      const { issuances, accounts } = await this.issue(db, program, credits, batch.points, now);
      // The credited residents' chains: this batch holds the residents, so no one waits here.
      const entries = await this.chains.lock(
        db,
        program.id,
        credits.map((c) => c.residentId),
      );
      const transactions = issuances.flatMap((i) => (i.transaction ? [i.transaction] : []));
      const written = await this.ledger.number(queue, program.id, transactions, accounts, now);
      const txByReference = new Map(written.map((t) => [t.reference, t]));
      const reductionIds = insertReductions(queue, program.id, issuances, txByReference, now);
      noWait(saveCapUsage(queue, batch.caps));
      noWait(saveMeteredUse(queue, decisions, batch.metered));
      noWait(saveRemainders(queue, batch.points)); // after issue(), which moved the remainders
      const reductionIdOf = await reductionIds;
      // The dashboards' facts: one outbox row, folded into the rollups off this transaction.
      noWait(recordReductions(queue, program.id, issuances.map(reductionFact)));
      noWait(recordOutcomes(queue, decisions, reductionIdOf, now));
      // Operators' callbacks of these results: in this transaction, so they exist iff the statuses do.
      noWait(queue.send(() => this.outbox.enqueue(db, program.id, decidedEvents(decisions))));
      const leaves = leavesOf(program, entries, issuances, txByReference, reductionIdOf, now);
      noWait(this.chains.save(queue, entries));
      // Last, the rows every batch of the program writes: the operators' mints (postings and
      // balances) and the audit-log head (leaves numbered in commit order). Held from here to the
      // commit only, so another batch of the program can do all of the above meanwhile.
      this.ledger.post(queue, written, accounts);
      if (leaves.length > 0)
        noWait(
          queue.send(async () =>
            this.audit.append(db, await this.audit.lockHead(db, program.id), leaves, now),
          ),
        );
    });
  }

  /** Points per credit, funded from the issuer's block (prepaid, while it lasts) or mint (postpaid). */
  private async issue(
    db: EntityManager,
    program: ProgramFacts,
    credits: Credit[],
    points: PointConversion,
    now: Date,
  ): Promise<{ issuances: Issuance[]; accounts: Map<string, LockedAccount> }> {
    const expiresOn = pointsExpiryFor(now);
    const planned = credits.map((credit) => ({
      credit,
      points: points.convert(credit.residentId, credit.row.operatorId, credit.reductionMg),
      source: issuanceSource(
        credit.row.operatorId,
        program.operators.get(credit.row.operatorId)?.fundingMode ?? 'postpaid',
      ),
      lot: {
        issuerId: credit.row.operatorId,
        kind: 'resident',
        ownerId: credit.residentId,
        expiresOn,
      } as AccountKey,
    }));
    const withPoints = planned.filter((p) => p.points > 0);
    // Residents' lots (this batch's residents are its own) and prepaid blocks (whose balance
    // decides what is funded) are locked now; mints only when posting, at the end.
    const accounts = await this.ledger.openAccounts(
      db,
      program.id,
      withPoints.flatMap((p) => [p.source, p.lot]),
      (k) => k.kind !== 'issuer_mint',
    );
    const available = new Map([...accounts].map(([k, a]) => [k, a.balance]));
    const issuances = planned.map((p): Issuance => {
      if (p.points === 0) return { credit: p.credit, points: 0, funded: true, transaction: null };
      const sourceKey = accountKeyString(p.source);
      if (p.source.kind === 'issuer_block') {
        const left = available.get(sourceKey) ?? 0;
        // A short prepaid block does not lose the reduction: its points wait, unfunded, for a top-up.
        if (left < p.points)
          return { credit: p.credit, points: p.points, funded: false, transaction: null };
        available.set(sourceKey, left - p.points);
      }
      return {
        credit: p.credit,
        points: p.points,
        funded: true,
        transaction: {
          kind: 'issuance',
          reference: `event:${p.credit.row.id}`,
          postings: [
            { account: p.source, amount: -p.points },
            { account: p.lot, amount: p.points },
          ],
        },
      };
    });
    return { issuances, accounts };
  }
}

async function insertReductions(
  queue: StatementQueue,
  programId: number,
  issuances: Issuance[],
  txByReference: Map<string, WrittenTransaction>,
  now: Date,
): Promise<Map<number, number>> {
  if (issuances.length === 0) return new Map();
  const inserted = await insertRows(
    queue,
    'reductions',
    [
      'program_id',
      'resident_id',
      'operator_id',
      'inbox_event_id',
      'methodology_id',
      'methodology_code',
      'methodology_version',
      'behaviour',
      'is_trip',
      'calculated_mg',
      'reduction_mg',
      'formula',
      'district',
      'started_at',
      'ended_at',
      'points',
      'points_status',
      'ledger_transaction_id',
      'created_at',
    ],
    issuances.map(({ credit: c, points, funded, transaction }) => [
      programId,
      c.residentId,
      c.row.operatorId,
      c.row.id,
      c.methodology.id,
      c.methodology.code,
      c.methodology.version,
      c.row.behaviour,
      c.isTrip,
      c.calculatedMg,
      c.reductionMg,
      c.formula.slice(0, 512),
      c.row.district,
      c.row.startedAt,
      c.row.endedAt,
      points,
      points === 0 ? 'none' : funded ? 'credited' : 'unfunded',
      transaction ? txByReference.get(transaction.reference)!.id : null,
      now,
    ]),
  );
  const eventIds = issuances.map((i) => i.credit.row.id);
  const ids = await consecutiveInsertIds(queue, inserted, issuances.length);
  if (ids) return new Map(eventIds.map((eventId, i) => [eventId, ids[i]]));
  const rows: { id: string; inbox_event_id: string }[] = await queue.query(
    `SELECT id, inbox_event_id FROM reductions WHERE inbox_event_id IN (${placeholders(eventIds)})`,
    eventIds,
  );
  return new Map(rows.map((r) => [Number(r.inbox_event_id), Number(r.id)]));
}

function reductionFact({ credit: c, points }: Issuance) {
  return {
    day: chinaDay(c.row.startedAt),
    behaviour: c.row.behaviour,
    operatorId: c.row.operatorId,
    district: c.row.district ?? '',
    mg: c.reductionMg,
    points,
    residentId: c.residentId,
  };
}

/** One leaf per reduction: its ledger transaction when it moved points, else the reduction alone. */
function leavesOf(
  program: ProgramFacts,
  entries: ResidentEntries,
  issuances: Issuance[],
  txByReference: Map<string, WrittenTransaction>,
  reductionIds: Map<number, number>,
  now: Date,
): NewLeaf[] {
  const day = chinaDay(now);
  return issuances.map(({ credit: c, points, transaction }) => {
    const issuer = program.operators.get(c.row.operatorId)?.code ?? String(c.row.operatorId);
    return reductionCreditLeaf(entries, {
      programCode: program.code,
      day,
      event: { operator: issuer, id: c.row.eventId },
      residentId: c.residentId,
      reduction: {
        id: reductionIds.get(c.row.id)!,
        mg: c.reductionMg,
        calculatedMg: c.calculatedMg,
        methodology: c.methodology,
        behaviour: c.row.behaviour,
        startedAt: c.row.startedAt,
        district: c.row.district,
      },
      points: { amount: points, issuer },
      transaction: transaction ? txByReference.get(transaction.reference)! : null,
    });
  });
}

async function saveCapUsage(db: SqlRunner, caps: CapCounter): Promise<void> {
  await insertRows(
    db,
    'cap_usage',
    ['resident_id', 'behaviour', 'period', 'used_mg', 'used_events'],
    caps
      .changed()
      .map((c) => [c.residentId, c.behaviour, c.period, c.usage.usedMg, c.usage.usedEvents]),
    'ON DUPLICATE KEY UPDATE used_mg = VALUES(used_mg), used_events = VALUES(used_events)',
  );
}

/** Readings of metered behaviours that counted (credited or capped): the baseline's history. */
async function saveMeteredUse(
  db: SqlRunner,
  decisions: Decision[],
  metered: Set<string>,
): Promise<void> {
  const readings = decisions.flatMap((d) => {
    const counted = d.kind === 'credit' || (d.kind === 'no_credit' && d.status === 'capped');
    if (!counted || d.residentId === null || d.row.units === null) return [];
    if (!metered.has(d.row.behaviour)) return [];
    return [[d.residentId, d.row.behaviour, d.row.startedAt, d.row.id, d.row.units]];
  });
  await insertRows(
    db,
    'metered_use',
    ['resident_id', 'behaviour', 'started_at', 'inbox_event_id', 'units'],
    readings,
  );
}

async function saveRemainders(db: SqlRunner, points: PointConversion): Promise<void> {
  await insertRows(
    db,
    'point_remainders',
    ['resident_id', 'issuer_id', 'remainder_mg'],
    points.changed().map((r) => [r.residentId, r.issuerId, r.remainderMg]),
    'ON DUPLICATE KEY UPDATE remainder_mg = VALUES(remainder_mg)',
  );
}
