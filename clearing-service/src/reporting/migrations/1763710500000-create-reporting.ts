import { MigrationInterface, QueryRunner } from 'typeorm';

const TAIL = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

export class CreateReporting1763710500000 implements MigrationInterface {
  name = 'CreateReporting1763710500000';

  async up(q: QueryRunner): Promise<void> {
    // Facts handed over inside the writers' transactions, one row per batch; the folder turns
    // them into the rollups below and deletes them in the same transaction (exactly once).
    await q.query(`
      CREATE TABLE reporting_outbox (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        program_id INT UNSIGNED NOT NULL,
        payload MEDIUMTEXT NOT NULL,
        created_at DATETIME(3) NOT NULL,
        PRIMARY KEY (id),
        KEY ix_reporting_outbox_program (program_id, id)
      ) ${TAIL}`);
    // One folder per program at a time: it locks its program's row here.
    await q.query(`
      CREATE TABLE reporting_fold_locks (
        program_id INT UNSIGNED NOT NULL,
        PRIMARY KEY (program_id)
      ) ${TAIL}`);
    // Reductions and points per period (a China day, ISO week from Monday, or month) × behaviour
    // × operator × district ('' when the event named none).
    await q.query(`
      CREATE TABLE reporting_reductions (
        program_id INT UNSIGNED NOT NULL,
        period_kind ENUM('day','week','month') NOT NULL,
        period_start DATE NOT NULL,
        behaviour VARCHAR(32) NOT NULL,
        operator_id INT UNSIGNED NOT NULL,
        district CHAR(6) NOT NULL,
        reduction_mg BIGINT UNSIGNED NOT NULL,
        points BIGINT UNSIGNED NOT NULL,
        events BIGINT UNSIGNED NOT NULL,
        PRIMARY KEY (program_id, period_kind, period_start, behaviour, operator_id, district)
      ) ${TAIL}`);
    // Who was active in each period (operator 0: with any operator): the distinct set, so that a
    // period's count is exact and never a sum of shorter periods.
    await q.query(`
      CREATE TABLE reporting_active_residents (
        program_id INT UNSIGNED NOT NULL,
        period_kind ENUM('day','week','month') NOT NULL,
        period_start DATE NOT NULL,
        operator_id INT UNSIGNED NOT NULL,
        resident_id INT UNSIGNED NOT NULL,
        PRIMARY KEY (program_id, period_kind, period_start, operator_id, resident_id)
      ) ${TAIL}`);
    // The size of each set above, kept with it, so a dashboard counts nothing.
    await q.query(`
      CREATE TABLE reporting_active_counts (
        program_id INT UNSIGNED NOT NULL,
        period_kind ENUM('day','week','month') NOT NULL,
        period_start DATE NOT NULL,
        operator_id INT UNSIGNED NOT NULL,
        resident_count INT UNSIGNED NOT NULL,
        PRIMARY KEY (program_id, period_kind, period_start, operator_id)
      ) ${TAIL}`);
    // Points issued, redeemed (captures less refunds), expired and cancelled (注销), per issuer.
    await q.query(`
      CREATE TABLE reporting_point_flows (
        program_id INT UNSIGNED NOT NULL,
        period_kind ENUM('day','week','month') NOT NULL,
        period_start DATE NOT NULL,
        issuer_id INT UNSIGNED NOT NULL,
        figure ENUM('issued','redeemed','expired','cancelled') NOT NULL,
        points BIGINT NOT NULL,
        PRIMARY KEY (program_id, period_kind, period_start, issuer_id, figure)
      ) ${TAIL}`);
    // Each aggregated cycle's obligations and net positions per participant, in fen.
    await q.query(`
      CREATE TABLE reporting_cycle_positions (
        program_id INT UNSIGNED NOT NULL,
        cycle_seq INT UNSIGNED NOT NULL,
        participant_id INT UNSIGNED NOT NULL,
        obligation_points BIGINT NOT NULL,
        receivable_fen BIGINT NOT NULL,
        payable_fen BIGINT NOT NULL,
        fee_fen BIGINT NOT NULL,
        net_fen BIGINT NOT NULL,
        PRIMARY KEY (program_id, cycle_seq, participant_id)
      ) ${TAIL}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE reporting_cycle_positions');
    await q.query('DROP TABLE reporting_point_flows');
    await q.query('DROP TABLE reporting_active_counts');
    await q.query('DROP TABLE reporting_active_residents');
    await q.query('DROP TABLE reporting_reductions');
    await q.query('DROP TABLE reporting_fold_locks');
    await q.query('DROP TABLE reporting_outbox');
  }
}
