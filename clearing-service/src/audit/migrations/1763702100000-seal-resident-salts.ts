import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationConfig } from '../../database/migration-context';
import { SecretsKeyring } from '../../secrets/secrets-keyring';

export class SealResidentSalts1763702100000 implements MigrationInterface {
  name = 'SealResidentSalts1763702100000';

  async up(q: QueryRunner): Promise<void> {
    // A log's resident salt is a secret like the webhook secrets: sealed under the keyring, so a
    // copy of the database alone cannot tie pseudonyms back to resident ids.
    const keyring = new SecretsKeyring(migrationConfig(this.name));
    await q.query(
      'ALTER TABLE audit_log_heads ADD COLUMN sealed_resident_salt VARBINARY(96) NULL AFTER resident_salt',
    );
    const heads: { program_id: number; resident_salt: Buffer }[] = await q.query(
      'SELECT program_id, resident_salt FROM audit_log_heads',
    );
    for (const head of heads) {
      await q.query('UPDATE audit_log_heads SET sealed_resident_salt = ? WHERE program_id = ?', [
        keyring.seal(head.resident_salt),
        head.program_id,
      ]);
    }
    await q.query(
      'ALTER TABLE audit_log_heads DROP COLUMN resident_salt, MODIFY sealed_resident_salt VARBINARY(96) NOT NULL',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    const keyring = new SecretsKeyring(migrationConfig(this.name));
    await q.query(
      'ALTER TABLE audit_log_heads ADD COLUMN resident_salt BINARY(32) NULL AFTER next_index',
    );
    const heads: { program_id: number; sealed_resident_salt: Buffer }[] = await q.query(
      'SELECT program_id, sealed_resident_salt FROM audit_log_heads',
    );
    for (const head of heads) {
      await q.query('UPDATE audit_log_heads SET resident_salt = ? WHERE program_id = ?', [
        keyring.open(head.sealed_resident_salt),
        head.program_id,
      ]);
    }
    await q.query(
      'ALTER TABLE audit_log_heads DROP COLUMN sealed_resident_salt, MODIFY resident_salt BINARY(32) NOT NULL',
    );
  }
}
