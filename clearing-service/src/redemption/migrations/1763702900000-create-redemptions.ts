import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateRedemptions1763702900000 implements MigrationInterface {
  name = 'CreateRedemptions1763702900000';

  async up(q: QueryRunner): Promise<void> {
    // A merchant's hold on a resident's points and what became of it (docs/redemption.md). Times
    // are the database's: a capture is refused in SQL once `expires_at` has passed.
    await q.query(`
      CREATE TABLE redemptions (
        id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
        program_id INT UNSIGNED NOT NULL,
        public_id CHAR(19) CHARACTER SET ascii NOT NULL,
        resident_id INT UNSIGNED NOT NULL,
        merchant_id INT UNSIGNED NOT NULL,
        merchant_order_id VARCHAR(64) NULL,
        status ENUM('held', 'captured', 'voided', 'expired') NOT NULL,
        held_points BIGINT UNSIGNED NOT NULL,
        captured_points BIGINT UNSIGNED NOT NULL DEFAULT 0,
        created_at DATETIME(3) NOT NULL,
        expires_at DATETIME(3) NOT NULL,
        resolved_at DATETIME(3) NULL,
        UNIQUE KEY uq_redemption_public_id (public_id),
        KEY ix_redemption_merchant (program_id, merchant_id, id),
        KEY ix_redemption_expiry (status, expires_at)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
    // Which lot gave how much to a hold, and how much of that its capture took.
    await q.query(`
      CREATE TABLE redemption_allocations (
        redemption_id BIGINT UNSIGNED NOT NULL,
        lot_account_id BIGINT UNSIGNED NOT NULL,
        issuer_id INT UNSIGNED NOT NULL,
        expires_on DATE NOT NULL,
        held_points BIGINT UNSIGNED NOT NULL,
        captured_points BIGINT UNSIGNED NOT NULL DEFAULT 0,
        PRIMARY KEY (redemption_id, lot_account_id)
      ) ENGINE=InnoDB`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE redemption_allocations');
    await q.query('DROP TABLE redemptions');
  }
}
