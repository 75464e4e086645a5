import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuditAccountBalance, AuditBalancesView } from '@tanlian/sdk';
import { FieldError } from '../../http/domain-error';
import { AuditCheckpoints } from './audit-checkpoints';
import { AuditLogWriter } from './audit-log-writer';
import { DataSource } from 'typeorm';
import { placeholders } from '../../database/sql';
import type { AccountKind } from '../../ledger/ledger-account';
import { publicAccount } from '../../ledger/public-account';

interface AccountRow {
  id: string;
  kind: AccountKind;
  owner_id: number;
  expires_on: string;
  balance: string;
  issuer_code: string;
}

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
      const accounts: AccountRow[] = await db.query(
        `SELECT a.id, a.kind, a.owner_id, DATE_FORMAT(a.expires_on, '%Y-%m-%d') AS expires_on,
                a.balance, p.code AS issuer_code
           FROM ledger_accounts a JOIN participants p ON p.id = a.issuer_id
          WHERE a.program_id = ? AND a.id > ? ORDER BY a.id LIMIT ?`,
        [programId, after, limit + 1],
      );
      const more = accounts.length > limit;
      const page = accounts.slice(0, limit);
      if (page.length === 0) return { treeSize, accounts: [], next: null };
      const ids = page.map((a) => a.id);
      // Every posting of the page's accounts, from the (account_id, amount) index alone…
      const totals: { account_id: string; total: string }[] = await db.query(
        `SELECT account_id, SUM(amount) AS total FROM ledger_postings
          WHERE account_id IN (${placeholders(ids)}) GROUP BY account_id`,
        ids,
      );
      // …less those of transactions whose leaf is at or past the size: usually the few unsealed.
      const later: { account_id: string; total: string }[] = await db.query(
        `SELECT po.account_id, SUM(po.amount) AS total
           FROM audit_leaves l JOIN ledger_postings po ON po.transaction_id = l.ref_id
          WHERE l.program_id = ? AND l.leaf_index >= ? AND l.kind = 'ledger_transaction'
            AND po.account_id IN (${placeholders(ids)})
          GROUP BY po.account_id`,
        [programId, treeSize, ...ids],
      );
      const salt = await this.log.existingResidentSalt(db, programId);
      const sum = (rows: { account_id: string; total: string }[]) =>
        new Map(rows.map((r) => [String(r.account_id), BigInt(r.total)]));
      const total = sum(totals);
      const afterSize = sum(later);
      const zero = BigInt(0);
      return {
        treeSize,
        accounts: page.map((a): AuditAccountBalance => {
          const id = String(a.id);
          const moved = afterSize.get(id) ?? zero;
          return {
            account: id,
            ...publicAccount(
              { kind: a.kind, ownerId: a.owner_id, expiresOn: a.expires_on },
              a.issuer_code,
              // Accounts only come with ledger transactions, which create the log head first.
              salt ?? Buffer.alloc(0),
            ),
            balance: String(BigInt(a.balance) - moved),
            posted: String((total.get(id) ?? zero) - moved),
          };
        }),
        next: more ? Number(page[page.length - 1].id) : null,
      };
    });
  }
}
