import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuditAccountBalance, AuditBalancesView } from '@tanlian/sdk';
import { FieldError } from '../../http/domain-error';
import { AuditCheckpoints } from './audit-checkpoints';
import { AuditLogWriter } from './audit-log-writer';
import { DataSource } from 'typeorm';
import { publicAccount } from '../../ledger/public-account';
import { reportedBalances } from '../../read-models/reported-balances';

/**
 * What the service says each ledger account holds as of a tree size, for an auditor to compare
 * with its replay of the leaves: `balance` is the cached balance less the postings of transactions
 * sealed after that size, `posted` the stored postings up to it. A tampered posting or cached
 * balance makes one of them differ from the replay.
 */
@Injectable()
export class AuditBalances {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly checkpoints: AuditCheckpoints,
    private readonly log: AuditLogWriter,
  ) {}

  async page(
    programId: number,
    size: number | undefined,
    after: number,
    limit: number,
  ): Promise<AuditBalancesView> {
    // One snapshot (REPEATABLE READ): a ledger transaction moves its postings, cached balances and
    // leaf in one commit, so all of them or none are seen.
    return this.db.transaction('REPEATABLE READ', async (db) => {
      const latest = await this.checkpoints.latestSize(db, programId);
      if (size !== undefined && size > latest) {
        throw new FieldError('size', `must be at most the latest checkpoint size ${latest}`);
      }
      const treeSize = size ?? latest;
      const accounts = await reportedBalances(db, programId, treeSize, after, limit);
      const more = accounts.length > limit;
      const page = accounts.slice(0, limit);
      if (page.length === 0) return { treeSize, accounts: [], next: null };
      const salt = await this.log.existingResidentSalt(db, programId);
      return {
        treeSize,
        accounts: page.map((a): AuditAccountBalance => ({
          account: a.id,
          ...publicAccount(
            { kind: a.kind, ownerId: a.ownerId, expiresOn: a.expiresOn },
            a.issuerCode,
            // Accounts only come with ledger transactions, which create the log head first.
            salt ?? Buffer.alloc(0),
          ),
          balance: String(a.balance),
          posted: String(a.posted),
        })),
        next: more ? Number(page[page.length - 1].id) : null,
      };
    });
  }
}
