import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateResidents1763700200000 implements MigrationInterface {
  name = 'CreateResidents1763700200000';

  async up(q: QueryRunner): Promise<void> {
    // One resident per program per openid. (id, program_id) is unique too, so bindings can name both
    // and the database refuses a binding whose resident belongs to another program.
    // WeChat ids and operators' user ids are case-sensitive: ascii_bin, never the _ci default.
    await q.query(`
      CREATE TABLE residents (
        id INT UNSIGNED NOT NULL AUTO_INCREMENT,
        public_id VARCHAR(20) NOT NULL,
        program_id INT UNSIGNED NOT NULL,
        wechat_openid VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
        wechat_unionid VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        UNIQUE KEY uq_residents_public_id (public_id),
        UNIQUE KEY uq_residents_program_openid (program_id, wechat_openid),
        UNIQUE KEY uq_residents_id_program (id, program_id),
        CONSTRAINT fk_residents_program FOREIGN KEY (program_id) REFERENCES programs (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`
      CREATE TABLE resident_sessions (
        id VARCHAR(32) NOT NULL,
        resident_id INT UNSIGNED NOT NULL,
        secret_hash BINARY(32) NOT NULL,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        expires_at DATETIME(3) NOT NULL,
        revoked_at DATETIME(3) NULL,
        PRIMARY KEY (id),
        KEY ix_resident_sessions_resident (resident_id),
        CONSTRAINT fk_resident_sessions_resident FOREIGN KEY (resident_id) REFERENCES residents (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`
      CREATE TABLE binding_tokens (
        id VARCHAR(32) NOT NULL,
        program_id INT UNSIGNED NOT NULL,
        participant_id INT UNSIGNED NOT NULL,
        external_user_id VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
        secret_hash BINARY(32) NOT NULL,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        expires_at DATETIME(3) NOT NULL,
        used_at DATETIME(3) NULL,
        PRIMARY KEY (id),
        KEY ix_binding_tokens_participant (participant_id),
        CONSTRAINT fk_binding_tokens_program FOREIGN KEY (program_id) REFERENCES programs (id),
        CONSTRAINT fk_binding_tokens_participant FOREIGN KEY (participant_id) REFERENCES participants (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    // The unique pair is the rule "an operator's user binds one resident only"; it also serialises
    // two residents racing for the same pair (the second insert waits, then fails as a duplicate).
    await q.query(`
      CREATE TABLE resident_bindings (
        id INT UNSIGNED NOT NULL AUTO_INCREMENT,
        program_id INT UNSIGNED NOT NULL,
        participant_id INT UNSIGNED NOT NULL,
        external_user_id VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
        resident_id INT UNSIGNED NOT NULL,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        UNIQUE KEY uq_resident_bindings_pair (participant_id, external_user_id),
        KEY ix_resident_bindings_resident (resident_id),
        CONSTRAINT fk_resident_bindings_program FOREIGN KEY (program_id) REFERENCES programs (id),
        CONSTRAINT fk_resident_bindings_participant FOREIGN KEY (participant_id) REFERENCES participants (id),
        CONSTRAINT fk_resident_bindings_resident FOREIGN KEY (resident_id, program_id)
          REFERENCES residents (id, program_id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['resident_bindings', 'binding_tokens', 'resident_sessions', 'residents']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
