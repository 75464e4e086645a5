import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateMethodologies1763700100000 implements MigrationInterface {
  name = 'CreateMethodologies1763700100000';

  async up(q: QueryRunner): Promise<void> {
    // definition is TEXT, not JSON: it holds the canonical JSON byte for byte (MySQL's JSON type
    // would reorder keys), so SHA2(definition, 256) = content_hash can be checked in SQL.
    await q.query(`
      CREATE TABLE methodologies (
        id INT UNSIGNED NOT NULL AUTO_INCREMENT,
        program_id INT UNSIGNED NOT NULL,
        code VARCHAR(32) NOT NULL,
        version INT UNSIGNED NOT NULL,
        status ENUM('draft','published','retired') NOT NULL,
        behaviour VARCHAR(32) NOT NULL,
        model ENUM('per_distance','per_unit','per_event','baseline_diff') NOT NULL,
        definition TEXT NOT NULL,
        content_hash CHAR(64) NULL,
        effective_from DATETIME(3) NOT NULL,
        effective_to DATETIME(3) NULL,
        factor_mg BIGINT UNSIGNED NOT NULL,
        factor_per BIGINT UNSIGNED NOT NULL,
        cap_per_event_mg BIGINT UNSIGNED NULL,
        cap_per_day_mg BIGINT UNSIGNED NULL,
        cap_per_month_mg BIGINT UNSIGNED NULL,
        cap_per_day_events INT UNSIGNED NULL,
        cap_per_month_events INT UNSIGNED NULL,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
        published_at DATETIME(3) NULL,
        retired_at DATETIME(3) NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_methodologies_program_code_version (program_id, code, version),
        KEY ix_methodologies_program_behaviour_status (program_id, behaviour, status),
        CONSTRAINT fk_methodologies_program FOREIGN KEY (program_id) REFERENCES programs (id),
        CONSTRAINT ck_methodologies_version CHECK (version >= 1),
        CONSTRAINT ck_methodologies_definition CHECK (JSON_VALID(definition)),
        CONSTRAINT ck_methodologies_window CHECK (effective_to IS NULL OR effective_to > effective_from),
        CONSTRAINT ck_methodologies_factor CHECK (factor_mg > 0 AND factor_per > 0),
        CONSTRAINT ck_methodologies_published CHECK (
          (status = 'draft' AND content_hash IS NULL AND published_at IS NULL AND retired_at IS NULL) OR
          (status = 'published' AND content_hash IS NOT NULL AND published_at IS NOT NULL AND retired_at IS NULL) OR
          (status = 'retired' AND content_hash IS NOT NULL AND published_at IS NOT NULL AND retired_at IS NOT NULL))
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE methodologies');
  }
}
