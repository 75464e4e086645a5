import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCreditLimits1763710110000 implements MigrationInterface {
  name = 'CreateCreditLimits1763710110000';

  async up(q: QueryRunner): Promise<void> {
    // A postpaid operator's credit limit on outstanding points (issued − cancelled − expired);
    // `reached_at` is set when the watch saw it reached (its alert sent once), cleared when the
    // outstanding points are back under it (the alert re-armed).
    await q.query(`
      CREATE TABLE funding_credit_limits (
        program_id INT UNSIGNED NOT NULL,
        operator_id INT UNSIGNED NOT NULL,
        limit_points BIGINT NOT NULL,
        reached_at DATETIME(3) NULL,
        updated_at DATETIME(3) NOT NULL,
        PRIMARY KEY (program_id, operator_id)
      ) ENGINE=InnoDB`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE funding_credit_limits');
  }
}
