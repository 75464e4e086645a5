import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAuditWitnesses1763701100000 implements MigrationInterface {
  name = 'CreateAuditWitnesses1763701100000';

  async up(q: QueryRunner): Promise<void> {
    // Witness (bureau) cosigner keys. A name is never reused, even once revoked, and one public
    // key serves one name only: the cosignature/v1 message does not name the witness.
    await q.query(`
      CREATE TABLE audit_witnesses (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        program_id INT UNSIGNED NOT NULL,
        name VARCHAR(512) NOT NULL,
        key_id INT UNSIGNED NOT NULL,
        public_key BINARY(32) NOT NULL,
        vkey VARCHAR(1024) NOT NULL,
        added_at DATETIME(3) NOT NULL,
        revoked_at DATETIME(3) NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_audit_witness_name (program_id, name),
        UNIQUE KEY uq_audit_witness_key (program_id, public_key),
        CONSTRAINT fk_audit_witnesses_program FOREIGN KEY (program_id) REFERENCES programs (id)
      ) ENGINE=InnoDB`);
    // One cosignature per checkpoint and witness (the first one stands); `line` is the signed-note
    // line appended to the checkpoint, cosigned_time its timestamp (unix seconds).
    await q.query(`
      CREATE TABLE audit_cosignatures (
        program_id INT UNSIGNED NOT NULL,
        tree_size BIGINT UNSIGNED NOT NULL,
        witness_id BIGINT UNSIGNED NOT NULL,
        cosigned_time BIGINT UNSIGNED NOT NULL,
        line VARCHAR(1024) NOT NULL,
        received_at DATETIME(3) NOT NULL,
        PRIMARY KEY (program_id, tree_size, witness_id),
        KEY ix_audit_cosignatures_witness (witness_id, tree_size),
        CONSTRAINT fk_audit_cosignatures_checkpoint FOREIGN KEY (program_id, tree_size)
          REFERENCES audit_checkpoints (program_id, tree_size),
        CONSTRAINT fk_audit_cosignatures_witness FOREIGN KEY (witness_id) REFERENCES audit_witnesses (id)
      ) ENGINE=InnoDB`);
    // The balances view sums an account's postings from the index alone (account, amount), and
    // subtracts the few after the requested size through the leaves.
    await q.query(
      'ALTER TABLE ledger_postings ADD KEY ix_postings_account_amount (account_id, amount)',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE ledger_postings DROP KEY ix_postings_account_amount');
    await q.query('DROP TABLE audit_cosignatures');
    await q.query('DROP TABLE audit_witnesses');
  }
}
