import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateClearing1763703400000 implements MigrationInterface {
  name = 'CreateClearing1763703400000';

  async up(q: QueryRunner): Promise<void> {
    // A program's clearing cycles (src/clearing/README.md). Each step's compare-and-swap is on
    // `state`; what a cycle is cleared with (rate, fee) is fixed at its close.
    await q.query(`
      CREATE TABLE clearing_cycles (
        id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
        program_id INT UNSIGNED NOT NULL,
        seq INT UNSIGNED NOT NULL,
        state ENUM('open','closed','aggregated','issued','settling','settled','aborted') NOT NULL,
        opened_at DATETIME(3) NOT NULL,
        closes_at DATETIME(3) NOT NULL,
        closed_at DATETIME(3) NULL,
        trade_date DATE NULL,
        value_date DATE NULL,
        fen_per_point INT UNSIGNED NULL,
        merchant_fee_bps SMALLINT UNSIGNED NULL,
        aggregated_at DATETIME(3) NULL,
        issued_at DATETIME(3) NULL,
        settled_at DATETIME(3) NULL,
        UNIQUE KEY uq_cycle_seq (program_id, seq),
        KEY ix_cycle_state (state, program_id)
      ) ENGINE=InnoDB`);
    // One row per program: which cycle is OPEN. Every capture and refund reads it under a shared
    // lock and is stamped with it; a close takes it exclusively, so it waits for those in flight,
    // and nothing is ever stamped at close.
    await q.query(`
      CREATE TABLE clearing_open_cycles (
        program_id INT UNSIGNED PRIMARY KEY,
        seq INT UNSIGNED NOT NULL
      ) ENGINE=InnoDB`);
    // The cycles' sub-ledger: one line per capture or refund and lot, stamped at its commit with
    // the cycle OPEN then; what the merchant reconciliation file lists. No resident in it.
    await q.query(`
      CREATE TABLE clearing_entries (
        id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
        program_id INT UNSIGNED NOT NULL,
        cycle_seq INT UNSIGNED NOT NULL,
        merchant_id INT UNSIGNED NOT NULL,
        issuer_id INT UNSIGNED NOT NULL,
        type ENUM('capture','refund') NOT NULL,
        points BIGINT NOT NULL,
        redemption_public_id CHAR(19) CHARACTER SET ascii NOT NULL,
        merchant_order_id VARCHAR(64) NULL,
        refund_id VARCHAR(64) NULL,
        lot_expires_on DATE NOT NULL,
        held_at DATETIME(3) NOT NULL,
        ledger_transaction_id BIGINT UNSIGNED NOT NULL,
        created_at DATETIME(3) NOT NULL,
        KEY ix_entry_cycle (program_id, cycle_seq, merchant_id, issuer_id, points)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
    // What each merchant × issuer pair owes in a cycle: signed points, and fen once per pair.
    await q.query(`
      CREATE TABLE clearing_obligations (
        cycle_id BIGINT UNSIGNED NOT NULL,
        merchant_id INT UNSIGNED NOT NULL,
        issuer_id INT UNSIGNED NOT NULL,
        captures INT UNSIGNED NOT NULL,
        captured_points BIGINT NOT NULL,
        refunds INT UNSIGNED NOT NULL,
        refunded_points BIGINT NOT NULL,
        net_points BIGINT NOT NULL,
        gross_fen BIGINT NOT NULL,
        fee_fen BIGINT NOT NULL,
        PRIMARY KEY (cycle_id, merchant_id, issuer_id)
      ) ENGINE=InnoDB`);
    // One net position per participant (0: the platform, which receives fees) and, when it is not
    // zero, its settlement instruction and the participant's confirmation of the payment.
    await q.query(`
      CREATE TABLE clearing_positions (
        cycle_id BIGINT UNSIGNED NOT NULL,
        participant_id INT UNSIGNED NOT NULL,
        receivable_fen BIGINT NOT NULL,
        payable_fen BIGINT NOT NULL,
        fee_fen BIGINT NOT NULL,
        net_fen BIGINT NOT NULL,
        method ENUM('bank','prepaid_reserve') NOT NULL,
        confirmed_at DATETIME(3) NULL,
        bank_reference VARCHAR(64) NULL,
        confirmed_fen BIGINT NULL,
        PRIMARY KEY (cycle_id, participant_id)
      ) ENGINE=InnoDB`);
    // Every file of a cycle, stored whole in the transaction that issues it (never on a replica's
    // disk); its SHA-256 is also in an audit leaf (kind clearing_file, ref_id the file id).
    await q.query(`
      CREATE TABLE clearing_files (
        id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
        cycle_id BIGINT UNSIGNED NOT NULL,
        participant_id INT UNSIGNED NOT NULL,
        kind ENUM('reconciliation','statement','instructions','cancellation_report') NOT NULL,
        format ENUM('csv','json','xml') NOT NULL,
        name VARCHAR(160) NOT NULL,
        content LONGBLOB NOT NULL,
        sha256 BINARY(32) NOT NULL,
        bytes INT UNSIGNED NOT NULL,
        created_at DATETIME(3) NOT NULL,
        UNIQUE KEY uq_cycle_file (cycle_id, participant_id, kind, format)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'clearing_files',
      'clearing_positions',
      'clearing_obligations',
      'clearing_entries',
      'clearing_open_cycles',
      'clearing_cycles',
    ])
      await q.query(`DROP TABLE ${table}`);
  }
}
