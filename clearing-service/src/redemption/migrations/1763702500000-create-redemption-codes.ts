import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateRedemptionCodes1763702500000 implements MigrationInterface {
  name = 'CreateRedemptionCodes1763702500000';

  async up(q: QueryRunner): Promise<void> {
    // A code is found by its secret's hash (the POS presents only the secret), hence the unique key.
    // The resident's foreign key names the program too: a code's resident is always of its program.
    // Times are the database's (NOW(3)), compared in SQL: app clocks never decide a code's life.
    await q.query(`
      CREATE TABLE redemption_codes (
        id INT UNSIGNED NOT NULL AUTO_INCREMENT,
        public_id VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
        program_id INT UNSIGNED NOT NULL,
        resident_id INT UNSIGNED NOT NULL,
        merchant_id INT UNSIGNED NULL,
        max_points BIGINT UNSIGNED NULL,
        secret_hash BINARY(32) NOT NULL,
        created_at DATETIME(3) NOT NULL,
        expires_at DATETIME(3) NOT NULL,
        used_at DATETIME(3) NULL,
        used_for_hold VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NULL,
        revoked_at DATETIME(3) NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_redemption_codes_public_id (public_id),
        UNIQUE KEY uq_redemption_codes_secret_hash (secret_hash),
        KEY ix_redemption_codes_resident (resident_id, created_at),
        CONSTRAINT fk_redemption_codes_program FOREIGN KEY (program_id) REFERENCES programs (id),
        CONSTRAINT fk_redemption_codes_resident FOREIGN KEY (resident_id, program_id)
          REFERENCES residents (id, program_id),
        CONSTRAINT fk_redemption_codes_merchant FOREIGN KEY (merchant_id) REFERENCES participants (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE redemption_codes');
  }
}
