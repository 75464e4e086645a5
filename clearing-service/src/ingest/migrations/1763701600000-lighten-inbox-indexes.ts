import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Crediting stamps each event's status and resident; every index holding either column moves an
 * entry per event. The resident index served only the electricity baseline, which now reads
 * `metered_use`; the user index served binding lookups, which find a user's few events without
 * the status in the key.
 */
export class LightenInboxIndexes1763701600000 implements MigrationInterface {
  name = 'LightenInboxIndexes1763701600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE inbox_events
      DROP INDEX ix_inbox_resident,
      DROP INDEX ix_inbox_user,
      ADD INDEX ix_inbox_user (program_id, operator_id, external_user)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE inbox_events
      DROP INDEX ix_inbox_user,
      ADD INDEX ix_inbox_user (program_id, operator_id, external_user, status),
      ADD INDEX ix_inbox_resident (program_id, resident_id, behaviour, started_at)`);
  }
}
