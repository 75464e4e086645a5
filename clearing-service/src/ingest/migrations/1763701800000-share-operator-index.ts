import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The operator foreign key had an index of its own (InnoDB adds one when none starts with the
 * column): one more entry to write per stored event. The user index, led by the operator instead,
 * serves both; its lookups name program, operator and user, so the column order does not matter.
 */
export class ShareOperatorIndex1763701800000 implements MigrationInterface {
  name = 'ShareOperatorIndex1763701800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE inbox_events
      DROP INDEX ix_inbox_user,
      DROP INDEX fk_inbox_operator,
      ADD INDEX ix_inbox_user (operator_id, program_id, external_user)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE inbox_events
      DROP INDEX ix_inbox_user,
      ADD INDEX fk_inbox_operator (operator_id),
      ADD INDEX ix_inbox_user (program_id, operator_id, external_user)`);
  }
}
