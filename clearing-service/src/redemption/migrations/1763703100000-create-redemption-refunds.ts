import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateRedemptionRefunds1763703100000 implements MigrationInterface {
  name = 'CreateRedemptionRefunds1763703100000';

  async up(q: QueryRunner): Promise<void> {
    // Refunds of a capture: several, each under the merchant's own refund id (one effect per id),
    // together never more than the capture, each back to the lots the capture took.
    await q.query(`ALTER TABLE redemptions
      MODIFY status ENUM('held','captured','voided','expired','partially_refunded','refunded') NOT NULL,
      ADD COLUMN refunded_points BIGINT UNSIGNED NOT NULL DEFAULT 0 AFTER captured_points`);
    await q.query(`ALTER TABLE redemption_allocations
      ADD COLUMN refunded_points BIGINT UNSIGNED NOT NULL DEFAULT 0`);
    await q.query(`
      CREATE TABLE redemption_refunds (
        redemption_id BIGINT UNSIGNED NOT NULL,
        refund_id VARCHAR(64) NOT NULL,
        points BIGINT UNSIGNED NOT NULL,
        created_at DATETIME(3) NOT NULL,
        PRIMARY KEY (redemption_id, refund_id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE redemption_refunds');
    await q.query('ALTER TABLE redemption_allocations DROP COLUMN refunded_points');
    await q.query(`ALTER TABLE redemptions DROP COLUMN refunded_points,
      MODIFY status ENUM('held','captured','voided','expired') NOT NULL`);
  }
}
