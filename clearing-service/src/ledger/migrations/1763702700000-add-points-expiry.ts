import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddPointsExpiry1763702700000 implements MigrationInterface {
  name = 'AddPointsExpiry1763702700000';

  async up(q: QueryRunner): Promise<void> {
    // Lots expire on their date: the worker moves what is left of a lot to its issuer's expired
    // account, in a transaction of kind `expiry` (reference `expiry:<lot account id>`, so a lot
    // expires once however often the job runs).
    await q.query(`ALTER TABLE ledger_accounts MODIFY kind
      ENUM('issuer_mint','issuer_block','resident','merchant','issuer_expired') NOT NULL`);
    await q.query(`ALTER TABLE ledger_transactions MODIFY kind
      ENUM('issuance','top_up','expiry') NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ledger_transactions MODIFY kind ENUM('issuance','top_up') NOT NULL`);
    await q.query(`ALTER TABLE ledger_accounts MODIFY kind
      ENUM('issuer_mint','issuer_block','resident','merchant') NOT NULL`);
  }
}
