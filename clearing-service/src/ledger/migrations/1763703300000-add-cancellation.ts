import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddCancellation1763703300000 implements MigrationInterface {
  name = 'AddCancellation1763703300000';

  async up(q: QueryRunner): Promise<void> {
    // 注销: each cycle moves what a merchant cleared of an issuer's points into the issuer's
    // cancelled account (signed: a cycle's refunds reinstate points).
    await q.query(`ALTER TABLE ledger_accounts MODIFY kind
      ENUM('issuer_mint','issuer_block','resident','merchant','issuer_expired','resident_held',
           'merchant_clearing','issuer_cancelled') NOT NULL`);
    await q.query(`ALTER TABLE ledger_transactions MODIFY kind
      ENUM('issuance','top_up','expiry','hold','capture','release','refund','cancellation') NOT NULL`);
    // A merchant's clearing account is a position: a refund of a capture that an earlier cycle
    // cleared takes it below zero until the next 注销 reinstates the points.
    await q.query(`ALTER TABLE ledger_accounts DROP CONSTRAINT ck_ledger_no_overdraft,
      ADD CONSTRAINT ck_ledger_no_overdraft
        CHECK (kind IN ('issuer_mint', 'merchant_clearing') OR balance >= 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ledger_accounts DROP CONSTRAINT ck_ledger_no_overdraft,
      ADD CONSTRAINT ck_ledger_no_overdraft CHECK (kind = 'issuer_mint' OR balance >= 0)`);
    await q.query(`ALTER TABLE ledger_transactions MODIFY kind
      ENUM('issuance','top_up','expiry','hold','capture','release','refund') NOT NULL`);
    await q.query(`ALTER TABLE ledger_accounts MODIFY kind
      ENUM('issuer_mint','issuer_block','resident','merchant','issuer_expired','resident_held',
           'merchant_clearing') NOT NULL`);
  }
}
