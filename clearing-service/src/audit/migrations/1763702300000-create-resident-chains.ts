import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateResidentChains1763702300000 implements MigrationInterface {
  name = 'CreateResidentChains1763702300000';

  async up(q: QueryRunner): Promise<void> {
    // Leaf format 2 (docs/private-log.md): each resident's random key, sealed under the secrets
    // keyring, valid from a sequence number on (a rotation adds a row). `key_id` is the public
    // handle the bureau's key listing uses; it appears in no leaf. Deleting a resident's rows
    // shreds their entries: no one can open their tags and commitments again.
    await q.query(`
      CREATE TABLE audit_resident_keys (
        program_id INT UNSIGNED NOT NULL,
        resident_id INT UNSIGNED NOT NULL,
        from_seq BIGINT UNSIGNED NOT NULL,
        key_id CHAR(19) CHARACTER SET ascii NOT NULL,
        sealed_key VARBINARY(96) NOT NULL,
        created_at DATETIME(3) NOT NULL,
        PRIMARY KEY (program_id, resident_id, from_seq),
        UNIQUE KEY uq_resident_key_id (key_id)
      ) ENGINE=InnoDB`);
    // Where each resident's chain stands: entries written, the last one's leaf hash, and which of
    // their keys signs the next (a rotation moves it). Locked by every writer of the resident's
    // entries, after the resident's own row and before the log head.
    await q.query(`
      CREATE TABLE audit_resident_chains (
        program_id INT UNSIGNED NOT NULL,
        resident_id INT UNSIGNED NOT NULL,
        next_seq BIGINT UNSIGNED NOT NULL,
        head BINARY(32) NOT NULL,
        key_from_seq BIGINT UNSIGNED NOT NULL,
        PRIMARY KEY (program_id, resident_id)
      ) ENGINE=InnoDB`);
    // Each resident entry: whose, its number in their chain, and the row its private part is made
    // of (for credits and releases, the reduction). The private part is not stored: it is rebuilt
    // from that row and the leaf by the function that wrote it (read-models/resident-entries.ts),
    // so no second copy of a resident's trips sits in the database, and writing costs 4 numbers.
    // Not a unique key on the chain: the chain lock already numbers a resident's entries once, and
    // a unique one would read its index page before every insert (MariaDB buffers no
    // secondary-index changes).
    await q.query(`
      CREATE TABLE audit_resident_entries (
        program_id INT UNSIGNED NOT NULL,
        leaf_index BIGINT UNSIGNED NOT NULL,
        resident_id INT UNSIGNED NOT NULL,
        seq BIGINT UNSIGNED NOT NULL,
        subject_id BIGINT UNSIGNED NOT NULL,
        PRIMARY KEY (program_id, leaf_index),
        KEY ix_resident_entry_seq (program_id, resident_id, seq)
      ) ENGINE=InnoDB`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE audit_resident_entries');
    await q.query('DROP TABLE audit_resident_chains');
    await q.query('DROP TABLE audit_resident_keys');
  }
}
