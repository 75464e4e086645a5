import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAuditTree1763700800000 implements MigrationInterface {
  name = 'CreateAuditTree1763700800000';

  async up(q: QueryRunner): Promise<void> {
    // One row per program: the integrator locks it (FOR UPDATE SKIP LOCKED) so only one worker
    // integrates a program at a time; integrated_size only moves with the subtrees it covers.
    await q.query(`
      CREATE TABLE audit_integrators (
        program_id INT UNSIGNED NOT NULL,
        integrated_size BIGINT UNSIGNED NOT NULL DEFAULT 0,
        updated_at DATETIME(3) NOT NULL,
        PRIMARY KEY (program_id),
        CONSTRAINT fk_audit_integrators_program FOREIGN KEY (program_id) REFERENCES programs (id)
      ) ENGINE=InnoDB`);
    // Every COMPLETE power-of-two-aligned subtree: (level L, idx i) covers leaves [i·2^L, (i+1)·2^L).
    await q.query(`
      CREATE TABLE audit_subtrees (
        program_id INT UNSIGNED NOT NULL,
        level TINYINT UNSIGNED NOT NULL,
        idx BIGINT UNSIGNED NOT NULL,
        hash BINARY(32) NOT NULL,
        PRIMARY KEY (program_id, level, idx)
      ) ENGINE=InnoDB`);
    // Signed checkpoints; lag_ms = signed_at minus the oldest leaf this checkpoint newly covers.
    await q.query(`
      CREATE TABLE audit_checkpoints (
        program_id INT UNSIGNED NOT NULL,
        tree_size BIGINT UNSIGNED NOT NULL,
        root_hash BINARY(32) NOT NULL,
        note TEXT NOT NULL,
        key_name VARCHAR(128) NOT NULL,
        signed_at DATETIME(3) NOT NULL,
        lag_ms INT UNSIGNED NOT NULL,
        PRIMARY KEY (program_id, tree_size)
      ) ENGINE=InnoDB`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE audit_checkpoints');
    await q.query('DROP TABLE audit_subtrees');
    await q.query('DROP TABLE audit_integrators');
  }
}
