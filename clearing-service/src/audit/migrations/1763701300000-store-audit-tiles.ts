import { MigrationInterface, QueryRunner } from 'typeorm';

export class StoreAuditTiles1763701300000 implements MigrationInterface {
  name = 'StoreAuditTiles1763701300000';

  async up(q: QueryRunner): Promise<void> {
    // Subtree hashes move from one row per node to one row per run of 64 nodes of a level
    // (tree/tiles.ts): sealing wrote two rows per leaf, which capped integration far below the
    // hashing rate. Tile t of level L holds nodes (L, 64t … 64t+63), 32 bytes each, in order.
    await q.query(`
      CREATE TABLE audit_tiles (
        program_id INT UNSIGNED NOT NULL,
        level TINYINT UNSIGNED NOT NULL,
        tile BIGINT UNSIGNED NOT NULL,
        hashes BLOB NOT NULL,
        PRIMARY KEY (program_id, level, tile)
      ) ENGINE=InnoDB`);
    await q.query('SET SESSION group_concat_max_len = 1048576');
    await q.query(`
      INSERT INTO audit_tiles (program_id, level, tile, hashes)
      SELECT program_id, level, idx DIV 64, GROUP_CONCAT(hash ORDER BY idx SEPARATOR '')
        FROM audit_subtrees GROUP BY program_id, level, idx DIV 64`);
    await q.query('DROP TABLE audit_subtrees');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_subtrees (
        program_id INT UNSIGNED NOT NULL,
        level TINYINT UNSIGNED NOT NULL,
        idx BIGINT UNSIGNED NOT NULL,
        hash BINARY(32) NOT NULL,
        PRIMARY KEY (program_id, level, idx)
      ) ENGINE=InnoDB`);
    // MariaDB's sequence engine numbers the 64 slots of a tile.
    await q.query(`
      INSERT INTO audit_subtrees (program_id, level, idx, hash)
      SELECT t.program_id, t.level, t.tile * 64 + s.seq, SUBSTRING(t.hashes, s.seq * 32 + 1, 32)
        FROM audit_tiles t JOIN seq_0_to_63 s ON s.seq * 32 < LENGTH(t.hashes)`);
    await q.query('DROP TABLE audit_tiles');
  }
}
