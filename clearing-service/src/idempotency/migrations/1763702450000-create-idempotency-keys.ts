import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateIdempotencyKeys1763702450000 implements MigrationInterface {
  name = 'CreateIdempotencyKeys1763702450000';

  async up(q: QueryRunner): Promise<void> {
    // One row per Idempotency-Key a principal sent to a route (Stripe's semantics, README): the
    // request's fingerprint, and once the request is answered, the answer itself. `started` rows
    // are a request in flight; `locked_until` lets a retry take over one whose process died.
    await q.query(`
      CREATE TABLE idempotency_keys (
        scope VARCHAR(64) CHARACTER SET ascii NOT NULL,
        route VARCHAR(255) NOT NULL,
        idempotency_key VARCHAR(255) CHARACTER SET ascii NOT NULL,
        request_hash BINARY(32) NOT NULL,
        state ENUM('started', 'done') NOT NULL,
        locked_until DATETIME(3) NULL,
        response_status SMALLINT UNSIGNED NULL,
        response_body MEDIUMTEXT NULL,
        created_at DATETIME(3) NOT NULL,
        PRIMARY KEY (scope, route, idempotency_key),
        KEY ix_idempotency_created (created_at)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE idempotency_keys');
  }
}
