import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateMerchantShop1763702600000 implements MigrationInterface {
  name = 'CreateMerchantShop1763702600000';

  async up(q: QueryRunner): Promise<void> {
    // Codes are the merchant's own, unique per merchant; ascii_bin so `a` and `A` never collide
    // by collation (the contract allows lowercase only, the database agrees exactly).
    await q.query(`
      CREATE TABLE merchant_stores (
        id INT UNSIGNED NOT NULL AUTO_INCREMENT,
        program_id INT UNSIGNED NOT NULL,
        merchant_id INT UNSIGNED NOT NULL,
        code VARCHAR(48) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
        name VARCHAR(128) NOT NULL,
        district CHAR(6) CHARACTER SET ascii NOT NULL,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        UNIQUE KEY uq_merchant_stores_code (merchant_id, code),
        CONSTRAINT fk_merchant_stores_program FOREIGN KEY (program_id) REFERENCES programs (id),
        CONSTRAINT fk_merchant_stores_merchant FOREIGN KEY (merchant_id) REFERENCES participants (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    // accepts_all_issuers, or the rows of merchant_offer_issuers. The catalog reads live offers of
    // a program by id: (program_id, status, id) serves it; the window and stock filter the rest.
    await q.query(`
      CREATE TABLE merchant_offers (
        id INT UNSIGNED NOT NULL AUTO_INCREMENT,
        program_id INT UNSIGNED NOT NULL,
        merchant_id INT UNSIGNED NOT NULL,
        code VARCHAR(48) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
        title VARCHAR(128) NOT NULL,
        description TEXT NULL,
        price_points BIGINT UNSIGNED NOT NULL,
        stock INT UNSIGNED NULL,
        valid_from DATETIME(3) NOT NULL,
        valid_until DATETIME(3) NOT NULL,
        limit_per_resident_per_day INT UNSIGNED NULL,
        accepts_all_issuers BOOLEAN NOT NULL,
        status ENUM('active', 'withdrawn') NOT NULL DEFAULT 'active',
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        UNIQUE KEY uq_merchant_offers_code (merchant_id, code),
        KEY ix_merchant_offers_catalog (program_id, status, id),
        CONSTRAINT ck_merchant_offers_price CHECK (price_points > 0),
        CONSTRAINT ck_merchant_offers_window CHECK (valid_until > valid_from),
        CONSTRAINT ck_merchant_offers_limit CHECK (limit_per_resident_per_day IS NULL OR limit_per_resident_per_day > 0),
        CONSTRAINT fk_merchant_offers_program FOREIGN KEY (program_id) REFERENCES programs (id),
        CONSTRAINT fk_merchant_offers_merchant FOREIGN KEY (merchant_id) REFERENCES participants (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`
      CREATE TABLE merchant_offer_issuers (
        offer_id INT UNSIGNED NOT NULL,
        issuer_id INT UNSIGNED NOT NULL,
        PRIMARY KEY (offer_id, issuer_id),
        CONSTRAINT fk_merchant_offer_issuers_offer FOREIGN KEY (offer_id) REFERENCES merchant_offers (id),
        CONSTRAINT fk_merchant_offer_issuers_issuer FOREIGN KEY (issuer_id) REFERENCES participants (id)
      ) ENGINE=InnoDB`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['merchant_offer_issuers', 'merchant_offers', 'merchant_stores']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
