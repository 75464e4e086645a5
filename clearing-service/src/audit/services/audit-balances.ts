import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuditAccountBalance, AuditBalancesView } from '@tanlian/sdk';
import { FieldError } from '../../http/domain-error';
import { AuditCheckpoints } from './audit-checkpoints';
import { DataSource } from 'typeorm';
import { publicAccount } from '../../ledger/public-account';
import { reportedBalances } from '../../read-models/reported-balances';

/**
 * What the service says each public account holds as of a tree size (organisations' accounts, and
 * residents' lots pooled per asset and expiry), for an auditor to compare with its replay of the
 * leaves: `balance` is the cached balances less the postings of transactions sealed after that
 * size, `posted` the stored postings up to it. A tampered posting or cached balance makes one of
 * them differ from the replay.
 */
@Injectable()
export class AuditBalances {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly checkpoints: AuditCheckpoints,
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
      // Organisations' accounts and pools are few (issuers × months): one read, paged here.
      const all = await reportedBalances(db, programId, treeSize);
      const page = all.slice(after, after + limit);
      return {
        treeSize,
        accounts: page.map((a): AuditAccountBalance => ({
          ...publicAccount(
            { kind: a.kind, expiresOn: a.expiresOn ?? '' },
            a.issuerCode,
            a.ownerCode,
          ),
          balance: String(a.balance),
          posted: String(a.posted),
        })),
        next: after + limit < all.length ? after + limit : null,
      };
    });
  }
}
