import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateViewingKeys1763702400000 implements MigrationInterface {
  name = 'CreateViewingKeys1763702400000';

  async up(q: QueryRunner): Promise<void> {
    // The bureau's viewing key of each program (docs/private-log.md), sealed under the secrets
    // keyring: the service wraps every resident key under it for the bureau's listing. One per
    // program; issuing a new one replaces it (the old one opens no later listing).
    await q.query(`
      CREATE TABLE audit_viewing_keys (
        program_id INT UNSIGNED NOT NULL PRIMARY KEY,
        key_id CHAR(19) CHARACTER SET ascii NOT NULL,
        sealed_key VARBINARY(96) NOT NULL,
        issued_at DATETIME(3) NOT NULL,
        UNIQUE KEY uq_viewing_key_id (key_id)
      ) ENGINE=InnoDB`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE audit_viewing_keys');
  }
}
