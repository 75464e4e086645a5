import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddRefunds1763703000000 implements MigrationInterface {
  name = 'AddRefunds1763703000000';

  async up(q: QueryRunner): Promise<void> {
    // A merchant's refund of a capture: its clearing account back to the capture's lots.
    await q.query(`ALTER TABLE ledger_transactions MODIFY kind
      ENUM('issuance','top_up','expiry','hold','capture','release','refund') NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ledger_transactions MODIFY kind
      ENUM('issuance','top_up','expiry','hold','capture','release') NOT NULL`);
  }
}
