import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAuditLeaves1763700500000 implements MigrationInterface {
  name = 'CreateAuditLeaves1763700500000';

  async up(q: QueryRunner): Promise<void> {
    // The head row is locked by every writer of a program's log, which keeps leaf indexes gap-free.
    await q.query(`
      CREATE TABLE audit_log_heads (
        program_id INT UNSIGNED NOT NULL,
        next_index BIGINT UNSIGNED NOT NULL DEFAULT 0,
        resident_salt BINARY(32) NOT NULL,
        PRIMARY KEY (program_id),
        CONSTRAINT fk_audit_heads_program FOREIGN KEY (program_id) REFERENCES programs (id)
      ) ENGINE=InnoDB`);
    await q.query(`
      CREATE TABLE audit_leaves (
        program_id INT UNSIGNED NOT NULL,
        leaf_index BIGINT UNSIGNED NOT NULL,
        kind VARCHAR(32) NOT NULL,
        ref_id BIGINT UNSIGNED NOT NULL,
        leaf_data BLOB NOT NULL,
        created_at DATETIME(3) NOT NULL,
        PRIMARY KEY (program_id, leaf_index),
        UNIQUE KEY uq_audit_leaf_ref (program_id, kind, ref_id)
      ) ENGINE=InnoDB`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE audit_leaves');
    await q.query('DROP TABLE audit_log_heads');
  }
}
