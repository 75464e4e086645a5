import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ix_postings_account (account) is a prefix of ix_postings_account_amount (account, amount), which
 * serves every read by account and the account foreign key alike: two entries per posting, not three.
 */
export class DropDuplicatePostingIndex1763701900000 implements MigrationInterface {
  name = 'DropDuplicatePostingIndex1763701900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE ledger_postings DROP INDEX ix_postings_account');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE ledger_postings ADD INDEX ix_postings_account (account_id)');
  }
}
