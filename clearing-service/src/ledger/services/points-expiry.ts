import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { expirySecret } from '../../audit/entry-secrets';
import { AuditLogWriter, type NewLeaf } from '../../audit/services/audit-log-writer';
import { ResidentChains } from '../../audit/services/resident-chains';
import { retryOnDeadlock } from '../../database/deadlock-retry';
import type { SqlRunner } from '../../database/sql';
import type { Program } from '../../tenancy/entities/program.entity';
import { participantCodes } from '../../tenancy/services/participants-store';
import { chinaDay } from '../../time/china-time';
import { type AccountKey, NO_EXPIRY } from '../ledger-account';
import { residentTransactionPart } from '../transaction-leaf';
import { LedgerWriter } from './ledger-writer';

/** Lots expired per transaction: each is one ledger transaction and one resident entry. */
const EXPIRY_BATCH = 200;

interface DueLot {
  id: string;
  issuer_id: number;
  owner_id: number;
  expires_on: string;
  balance: string;
}

/**
 * Lots expire on their date (docs/domain.md): what is left of a lot whose date has passed moves to
 * its issuer's expired account, one ledger transaction per lot (`expiry:<lot id>`, so a lot
 * expires once however often this runs) and one resident entry per lot (`points_expiry`, leaf
 * format 2). Oldest first, in batches; lots another writer holds are left for the next run.
 */
@Injectable()
export class PointsExpiry {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly ledger: LedgerWriter,
    private readonly chains: ResidentChains,
    private readonly audit: AuditLogWriter,
  ) {}

  /** The programs with a lot past its date on `today` (a China day, YYYY-MM-DD). */
  async programsWithDueLots(today: string): Promise<number[]> {
    const rows: { program_id: number }[] = await this.db.query(
      `SELECT DISTINCT program_id FROM ledger_accounts
        WHERE kind = 'resident' AND expires_on < ? AND balance > 0 ORDER BY program_id`,
      [today],
    );
    return rows.map((r) => Number(r.program_id));
  }

  /** Expires the program's lots past their date on `today`; returns how many lots it emptied. */
  async expireDue(program: Program, today: string): Promise<number> {
    let expired = 0;
    for (;;) {
      const batch = await this.expireBatch(program, today);
      expired += batch;
      if (batch < EXPIRY_BATCH) return expired;
    }
  }

  private expireBatch(program: Program, today: string): Promise<number> {
    return retryOnDeadlock(() =>
      this.db.transaction('READ COMMITTED', async (db) => {
        // The lots first, as crediting takes them; one a credit holds now is left for next time.
        const due: DueLot[] = await db.query(
          `SELECT id, issuer_id, owner_id, DATE_FORMAT(expires_on, '%Y-%m-%d') AS expires_on, balance
             FROM ledger_accounts
            WHERE program_id = ? AND kind = 'resident' AND expires_on < ? AND balance > 0
            ORDER BY expires_on, id LIMIT ${EXPIRY_BATCH} FOR UPDATE SKIP LOCKED`,
          [program.id, today],
        );
        if (due.length === 0) return 0;
        const now = new Date();
        const lotOf = (l: DueLot): AccountKey => ({
          issuerId: l.issuer_id,
          kind: 'resident',
          ownerId: Number(l.owner_id),
          expiresOn: l.expires_on,
        });
        const expiredOf = (issuerId: number): AccountKey => ({
          issuerId,
          kind: 'issuer_expired',
          ownerId: 0,
          expiresOn: NO_EXPIRY,
        });
        const issuers = [...new Set(due.map((l) => l.issuer_id))];
        const accounts = await this.ledger.lockAccounts(db, program.id, [
          ...due.map(lotOf),
          ...issuers.map(expiredOf),
        ]);
        const entries = await this.chains.lock(
          db,
          program.id,
          due.map((l) => Number(l.owner_id)),
        );
        const earlier = await earlierExpiries(db, program.id, due);
        const written = await this.ledger.write(
          db,
          program.id,
          due.map((l) => ({
            kind: 'expiry' as const,
            // A lot expires again when a void or refund gives points back to it after its date:
            // the first expiry is `expiry:<lot>`, the n-th after it `expiry:<lot>:<n>`.
            reference: expiryReference(l.id, earlier.get(String(l.id)) ?? 0),
            postings: [
              { account: lotOf(l), amount: -Number(l.balance) },
              { account: expiredOf(l.issuer_id), amount: Number(l.balance) },
            ],
          })),
          accounts,
          now,
        );
        const codes = await participantCodes(db, issuers);
        const leaves: NewLeaf[] = due.map((l, i) =>
          entries.entry(Number(l.owner_id), 'ledger_transaction', written[i].id, written[i].id, {
            body: {
              type: 'points_expiry',
              program: program.code,
              day: chinaDay(now),
              transaction: residentTransactionPart(written[i], codes.get(l.issuer_id)!),
            },
            secret: expirySecret(),
          }),
        );
        await this.chains.save(db, entries);
        await this.audit.append(db, await this.audit.lockHead(db, program.id), leaves, now);
        return due.length;
      }),
    );
  }
}

const expiryReference = (lotId: string | number, earlier: number) =>
  earlier === 0 ? `expiry:${lotId}` : `expiry:${lotId}:${earlier}`;

/** How many expiry transactions each lot (locked by the caller) has had, by lot id. */
async function earlierExpiries(
  db: SqlRunner,
  programId: number,
  lots: readonly { id: string | number }[],
): Promise<Map<string, number>> {
  const rows: { reference: string }[] = await db.query(
    `SELECT reference FROM ledger_transactions WHERE program_id = ? AND kind = 'expiry' AND (${lots
      .map(() => '(reference = ? OR reference LIKE ?)')
      .join(' OR ')})`,
    [programId, ...lots.flatMap((l) => [`expiry:${l.id}`, `expiry:${l.id}:%`])],
  );
  const counts = new Map<string, number>();
  for (const r of rows) {
    const lot = r.reference.split(':')[1];
    counts.set(lot, (counts.get(lot) ?? 0) + 1);
  }
  return counts;
}
