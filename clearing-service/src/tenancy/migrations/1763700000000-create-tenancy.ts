import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateTenancy1763700000000 implements MigrationInterface {
  name = 'CreateTenancy1763700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE programs (
        id INT UNSIGNED NOT NULL AUTO_INCREMENT,
        code VARCHAR(32) NOT NULL,
        name VARCHAR(128) NOT NULL,
        grams_per_point INT UNSIGNED NOT NULL,
        fen_per_point INT UNSIGNED NOT NULL,
        audit_hash ENUM('sha256','sm3') NOT NULL,
        settlement_cycle ENUM('daily','weekly','monthly') NOT NULL,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        UNIQUE KEY uq_programs_code (code)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`
      CREATE TABLE participants (
        id INT UNSIGNED NOT NULL AUTO_INCREMENT,
        program_id INT UNSIGNED NOT NULL,
        code VARCHAR(64) NOT NULL,
        name VARCHAR(128) NOT NULL,
        is_operator BOOLEAN NOT NULL,
        is_merchant BOOLEAN NOT NULL,
        funding_mode ENUM('prepaid','postpaid') NULL,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        UNIQUE KEY uq_participants_program_code (program_id, code),
        CONSTRAINT fk_participants_program FOREIGN KEY (program_id) REFERENCES programs (id),
        CONSTRAINT ck_participants_has_role CHECK (is_operator OR is_merchant)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`
      CREATE TABLE staff_users (
        id INT UNSIGNED NOT NULL AUTO_INCREMENT,
        program_id INT UNSIGNED NULL,
        role ENUM('bureau','admin') NOT NULL,
        name VARCHAR(128) NOT NULL,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        CONSTRAINT fk_staff_users_program FOREIGN KEY (program_id) REFERENCES programs (id),
        CONSTRAINT ck_staff_users_scope CHECK ((role = 'admin') = (program_id IS NULL))
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`
      CREATE TABLE api_keys (
        id VARCHAR(32) NOT NULL,
        program_id INT UNSIGNED NULL,
        participant_id INT UNSIGNED NULL,
        staff_user_id INT UNSIGNED NULL,
        label VARCHAR(128) NOT NULL,
        secret_hash BINARY(32) NOT NULL,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        revoked_at DATETIME(3) NULL,
        last_used_at DATETIME(3) NULL,
        PRIMARY KEY (id),
        KEY ix_api_keys_participant (participant_id),
        KEY ix_api_keys_staff_user (staff_user_id),
        CONSTRAINT fk_api_keys_program FOREIGN KEY (program_id) REFERENCES programs (id),
        CONSTRAINT fk_api_keys_participant FOREIGN KEY (participant_id) REFERENCES participants (id),
        CONSTRAINT fk_api_keys_staff_user FOREIGN KEY (staff_user_id) REFERENCES staff_users (id),
        CONSTRAINT ck_api_keys_one_owner CHECK ((participant_id IS NULL) <> (staff_user_id IS NULL))
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`
      CREATE TABLE webhook_secrets (
        id VARCHAR(32) NOT NULL,
        program_id INT UNSIGNED NOT NULL,
        participant_id INT UNSIGNED NOT NULL,
        scheme ENUM('v1','v1a') NOT NULL,
        sealed_secret VARBINARY(255) NULL,
        public_key VARCHAR(64) NULL,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        revoked_at DATETIME(3) NULL,
        PRIMARY KEY (id),
        KEY ix_webhook_secrets_participant (participant_id),
        CONSTRAINT fk_webhook_secrets_program FOREIGN KEY (program_id) REFERENCES programs (id),
        CONSTRAINT fk_webhook_secrets_participant FOREIGN KEY (participant_id) REFERENCES participants (id),
        CONSTRAINT ck_webhook_secrets_material CHECK (
          (scheme = 'v1' AND sealed_secret IS NOT NULL AND public_key IS NULL) OR
          (scheme = 'v1a' AND sealed_secret IS NULL AND public_key IS NOT NULL))
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'webhook_secrets',
      'api_keys',
      'staff_users',
      'participants',
      'programs',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
