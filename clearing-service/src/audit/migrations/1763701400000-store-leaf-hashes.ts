import { MigrationInterface, QueryRunner } from 'typeorm';

export class StoreLeafHashes1763701400000 implements MigrationInterface {
  name = 'StoreLeafHashes1763701400000';

  async up(q: QueryRunner): Promise<void> {
    // The writer hashes each leaf as it appends it (one hash, in the transaction that writes the
    // leaf), so the integrator reads 32 bytes a leaf instead of the leaf data. Rows written
    // before this have none; the integrator hashes their data. Verifiers always hash the data.
    await q.query('ALTER TABLE audit_leaves ADD COLUMN leaf_hash BINARY(32) NULL AFTER leaf_data');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE audit_leaves DROP COLUMN leaf_hash');
  }
}
