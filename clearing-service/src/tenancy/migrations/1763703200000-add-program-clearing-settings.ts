import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddProgramClearingSettings1763703200000 implements MigrationInterface {
  name = 'AddProgramClearingSettings1763703200000';

  async up(q: QueryRunner): Promise<void> {
    // The clearing cycle's calendar (src/clearing/README.md): its cut-off is a local time in the
    // program's time zone; the platform's fee on what merchants receive, in basis points.
    await q.query(`ALTER TABLE programs
      ADD COLUMN time_zone VARCHAR(64) NOT NULL DEFAULT 'Asia/Shanghai',
      ADD COLUMN cycle_cutoff_minutes SMALLINT UNSIGNED NOT NULL DEFAULT 0,
      ADD COLUMN merchant_fee_bps SMALLINT UNSIGNED NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE programs
      DROP COLUMN time_zone, DROP COLUMN cycle_cutoff_minutes, DROP COLUMN merchant_fee_bps`);
  }
}
