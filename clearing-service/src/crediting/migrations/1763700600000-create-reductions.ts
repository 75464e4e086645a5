import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateReductions1763700600000 implements MigrationInterface {
  name = 'CreateReductions1763700600000';

  async up(q: QueryRunner): Promise<void> {
    // Reductions are permanent records: what the bureau aggregates and verifies.
    await q.query(`
      CREATE TABLE reductions (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        program_id INT UNSIGNED NOT NULL,
        resident_id INT UNSIGNED NOT NULL,
        operator_id INT UNSIGNED NOT NULL,
        inbox_event_id BIGINT UNSIGNED NOT NULL,
        methodology_id INT UNSIGNED NOT NULL,
        methodology_code VARCHAR(64) NOT NULL,
        methodology_version INT UNSIGNED NOT NULL,
        behaviour VARCHAR(32) NOT NULL,
        is_trip BOOLEAN NOT NULL,
        calculated_mg BIGINT UNSIGNED NOT NULL,
        reduction_mg BIGINT UNSIGNED NOT NULL,
        formula VARCHAR(512) NOT NULL,
        district CHAR(6) NULL,
        started_at DATETIME(3) NOT NULL,
        ended_at DATETIME(3) NOT NULL,
        points BIGINT UNSIGNED NOT NULL,
        points_status ENUM('credited','unfunded','none') NOT NULL,
        ledger_transaction_id BIGINT UNSIGNED NULL,
        created_at DATETIME(3) NOT NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_reductions_event (inbox_event_id),
        KEY ix_reductions_trips (resident_id, is_trip, started_at),
        KEY ix_reductions_resident (program_id, resident_id, id),
        CONSTRAINT fk_reductions_program FOREIGN KEY (program_id) REFERENCES programs (id),
        CONSTRAINT fk_reductions_event FOREIGN KEY (inbox_event_id) REFERENCES inbox_events (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    // Caps per resident, behaviour and period (a day or a month in China time).
    await q.query(`
      CREATE TABLE cap_usage (
        resident_id INT UNSIGNED NOT NULL,
        behaviour VARCHAR(32) NOT NULL,
        period CHAR(10) NOT NULL,
        used_mg BIGINT UNSIGNED NOT NULL,
        used_events INT UNSIGNED NOT NULL,
        PRIMARY KEY (resident_id, behaviour, period)
      ) ENGINE=InnoDB`);
    // Milligrams not yet worth a whole point, per resident and issuer, so rounding never loses value.
    await q.query(`
      CREATE TABLE point_remainders (
        resident_id INT UNSIGNED NOT NULL,
        issuer_id INT UNSIGNED NOT NULL,
        remainder_mg BIGINT UNSIGNED NOT NULL,
        PRIMARY KEY (resident_id, issuer_id)
      ) ENGINE=InnoDB`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['point_remainders', 'cap_usage', 'reductions'])
      await q.query(`DROP TABLE ${t}`);
  }
}
