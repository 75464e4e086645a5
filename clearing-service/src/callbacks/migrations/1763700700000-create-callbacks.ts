import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCallbacks1763700700000 implements MigrationInterface {
  name = 'CreateCallbacks1763700700000';

  async up(q: QueryRunner): Promise<void> {
    // Where an operator wants its results, and the whsec_ secret Tanlian signs them with (sealed).
    // The previous secret keeps signing too for a while after a rotation.
    await q.query(`
      CREATE TABLE operator_callbacks (
        participant_id INT UNSIGNED NOT NULL,
        program_id INT UNSIGNED NOT NULL,
        url VARCHAR(2048) NOT NULL,
        sealed_secret VARBINARY(255) NOT NULL,
        secret_created_at DATETIME(3) NOT NULL,
        previous_sealed_secret VARBINARY(255) NULL,
        previous_valid_until DATETIME(3) NULL,
        disabled_at DATETIME(3) NULL,
        disabled_reason VARCHAR(255) NULL,
        created_at DATETIME(3) NOT NULL,
        updated_at DATETIME(3) NOT NULL,
        PRIMARY KEY (participant_id),
        KEY ix_operator_callbacks_program (program_id),
        CONSTRAINT fk_operator_callbacks_program FOREIGN KEY (program_id) REFERENCES programs (id),
        CONSTRAINT fk_operator_callbacks_participant FOREIGN KEY (participant_id) REFERENCES participants (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    // The outbox: one row per operator per crediting batch, written in the batch's transaction.
    // The id is the webhook-id of every attempt, so operators can dedupe redeliveries.
    await q.query(`
      CREATE TABLE callback_deliveries (
        id VARCHAR(32) NOT NULL,
        program_id INT UNSIGNED NOT NULL,
        participant_id INT UNSIGNED NOT NULL,
        status ENUM('pending','delivered','failed','cancelled') NOT NULL,
        attempts INT UNSIGNED NOT NULL DEFAULT 0,
        next_attempt_at DATETIME(3) NULL,
        last_attempt_at DATETIME(3) NULL,
        last_status_code SMALLINT UNSIGNED NULL,
        last_error VARCHAR(255) NULL,
        created_at DATETIME(3) NOT NULL,
        finished_at DATETIME(3) NULL,
        PRIMARY KEY (id),
        KEY ix_callback_deliveries_due (status, next_attempt_at),
        KEY ix_callback_deliveries_operator (participant_id, created_at),
        CONSTRAINT fk_callback_deliveries_program FOREIGN KEY (program_id) REFERENCES programs (id),
        CONSTRAINT fk_callback_deliveries_participant FOREIGN KEY (participant_id) REFERENCES participants (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    // Which events' results a delivery carries; the body is read from inbox_events when sent
    // (final statuses never change, so every attempt carries the same results).
    await q.query(`
      CREATE TABLE callback_delivery_events (
        delivery_id VARCHAR(32) NOT NULL,
        inbox_event_id BIGINT UNSIGNED NOT NULL,
        PRIMARY KEY (delivery_id, inbox_event_id),
        KEY ix_callback_delivery_events_event (inbox_event_id),
        CONSTRAINT fk_callback_delivery_events_delivery FOREIGN KEY (delivery_id) REFERENCES callback_deliveries (id),
        CONSTRAINT fk_callback_delivery_events_event FOREIGN KEY (inbox_event_id) REFERENCES inbox_events (id)
      ) ENGINE=InnoDB`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['callback_delivery_events', 'callback_deliveries', 'operator_callbacks'])
      await q.query(`DROP TABLE ${t}`);
  }
}
