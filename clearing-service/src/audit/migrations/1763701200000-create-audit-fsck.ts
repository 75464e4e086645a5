import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAuditFsck1763701200000 implements MigrationInterface {
  name = 'CreateAuditFsck1763701200000';

  async up(q: QueryRunner): Promise<void> {
    // The latest self-check of each program's log (the fsck). claimed_until is a lease: a worker
    // running the check holds it, so several workers never check the same log at once, and a
    // worker that died mid-check frees it when the lease runs out.
    await q.query(`
      CREATE TABLE audit_fsck_results (
        program_id INT UNSIGNED NOT NULL,
        status ENUM('pass','fail') NULL,
        checked_at DATETIME(3) NULL,
        tree_size BIGINT UNSIGNED NOT NULL DEFAULT 0,
        accounts_checked INT UNSIGNED NOT NULL DEFAULT 0,
        duration_ms INT UNSIGNED NOT NULL DEFAULT 0,
        discrepancy TEXT NULL,
        claimed_until DATETIME(3) NULL,
        PRIMARY KEY (program_id),
        CONSTRAINT fk_audit_fsck_program FOREIGN KEY (program_id) REFERENCES programs (id)
      ) ENGINE=InnoDB`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE audit_fsck_results');
  }
}
