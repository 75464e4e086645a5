import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddHolds1763702800000 implements MigrationInterface {
  name = 'AddHolds1763702800000';

  async up(q: QueryRunner): Promise<void> {
    // Redemption (docs/redemption.md): a lot's held points sit in the resident's held account of
    // that lot (no shared pending row), and a capture moves them to the merchant's clearing account
    // of the issuer; what a capture does not take goes back to its lot.
    await q.query(`ALTER TABLE ledger_accounts MODIFY kind
      ENUM('issuer_mint','issuer_block','resident','merchant','issuer_expired','resident_held',
           'merchant_clearing') NOT NULL`);
    await q.query(`ALTER TABLE ledger_transactions MODIFY kind
      ENUM('issuance','top_up','expiry','hold','capture','release') NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ledger_transactions MODIFY kind
      ENUM('issuance','top_up','expiry') NOT NULL`);
    await q.query(`ALTER TABLE ledger_accounts MODIFY kind
      ENUM('issuer_mint','issuer_block','resident','merchant','issuer_expired') NOT NULL`);
  }
}
