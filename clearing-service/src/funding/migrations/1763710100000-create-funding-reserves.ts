import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateFundingReserves1763710100000 implements MigrationInterface {
  name = 'CreateFundingReserves1763710100000';

  async up(q: QueryRunner): Promise<void> {
    // A prepaid operator's reserve in fen (src/funding/README.md): the row every top-up and every
    // cycle's draw locks first, so the entries' ids follow the order their effects committed in.
    await q.query(`
      CREATE TABLE funding_reserves (
        program_id INT UNSIGNED NOT NULL,
        operator_id INT UNSIGNED NOT NULL,
        balance_fen BIGINT NOT NULL,
        updated_at DATETIME(3) NOT NULL,
        PRIMARY KEY (program_id, operator_id)
      ) ENGINE=InnoDB`);
    // Its movements: a top-up (fen and the points it bought at the program's rate then), or a
    // cycle's draw (the fen the operator's position pays, once per cycle), each with the balance
    // after it. Never updated.
    await q.query(`
      CREATE TABLE funding_reserve_entries (
        id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
        program_id INT UNSIGNED NOT NULL,
        operator_id INT UNSIGNED NOT NULL,
        kind ENUM('top_up','draw') NOT NULL,
        reference VARCHAR(128) NOT NULL,
        amount_fen BIGINT NOT NULL,
        points BIGINT NULL,
        fen_per_point INT UNSIGNED NULL,
        cycle_seq INT UNSIGNED NULL,
        balance_after_fen BIGINT NOT NULL,
        created_at DATETIME(3) NOT NULL,
        UNIQUE KEY uq_reserve_entry (program_id, operator_id, kind, reference),
        KEY ix_reserve_history (program_id, operator_id, id)
      ) ENGINE=InnoDB`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE funding_reserve_entries');
    await q.query('DROP TABLE funding_reserves');
  }
}
