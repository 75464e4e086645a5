import { MigrationInterface, QueryRunner } from 'typeorm';

/** Top-up references now name their operator (`top_up:<operator id>:<reference>`), which needs room. */
export class WidenLedgerReference1763701000000 implements MigrationInterface {
  name = 'WidenLedgerReference1763701000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE ledger_transactions MODIFY reference VARCHAR(96) NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE ledger_transactions MODIFY reference VARCHAR(64) NOT NULL');
  }
}
