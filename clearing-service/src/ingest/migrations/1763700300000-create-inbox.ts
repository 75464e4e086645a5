import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateInbox1763700300000 implements MigrationInterface {
  name = 'CreateInbox1763700300000';

  async up(q: QueryRunner): Promise<void> {
    // How long after the fact an operator may report an event, and how long an event for an
    // unbound user waits for its resident to bind.
    await q.query(`ALTER TABLE programs
      ADD COLUMN acceptance_window_hours INT UNSIGNED NOT NULL DEFAULT 168,
      ADD COLUMN binding_window_hours INT UNSIGNED NOT NULL DEFAULT 720`);
    // Ids are compared byte for byte: operators' ids are case-sensitive (ride-1 ≠ Ride-1).
    await q.query(`
      CREATE TABLE inbox_events (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        program_id INT UNSIGNED NOT NULL,
        operator_id INT UNSIGNED NOT NULL,
        event_id VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
        body_hash BINARY(32) NOT NULL,
        behaviour VARCHAR(32) NOT NULL,
        external_user VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
        started_at DATETIME(3) NOT NULL,
        ended_at DATETIME(3) NOT NULL,
        distance_m INT UNSIGNED NULL,
        units BIGINT UNSIGNED NULL,
        district CHAR(6) NULL,
        evidence_hash BINARY(32) NULL,
        received_at DATETIME(3) NOT NULL,
        status ENUM('accepted','credited','capped','rejected','pending_binding','overlapping') NOT NULL DEFAULT 'accepted',
        reason VARCHAR(255) NULL,
        resident_id INT UNSIGNED NULL,
        reduction_id BIGINT UNSIGNED NULL,
        overlaps_event_id BIGINT UNSIGNED NULL,
        processed_at DATETIME(3) NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_inbox_event (program_id, operator_id, event_id),
        KEY ix_inbox_work (status, program_id, id),
        KEY ix_inbox_user (program_id, operator_id, external_user, status),
        CONSTRAINT fk_inbox_program FOREIGN KEY (program_id) REFERENCES programs (id),
        CONSTRAINT fk_inbox_operator FOREIGN KEY (operator_id) REFERENCES participants (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE inbox_events');
    await q.query(
      'ALTER TABLE programs DROP COLUMN acceptance_window_hours, DROP COLUMN binding_window_hours',
    );
  }
}
