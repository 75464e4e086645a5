import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A resident's metered readings (kWh of electricity: behaviours with a baseline_diff methodology),
 * the history the 7-day baseline averages. Read from the inbox before, which needed an index on
 * resident_id there: every crediting batch moved each event's entry in it when it stamped the
 * resident, for the few events that are metered. Backfilled from the inbox's decided events.
 */
export class CreateMeteredUse1763701500000 implements MigrationInterface {
  name = 'CreateMeteredUse1763701500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE metered_use (
        resident_id INT UNSIGNED NOT NULL,
        behaviour VARCHAR(32) NOT NULL,
        started_at DATETIME(3) NOT NULL,
        inbox_event_id BIGINT UNSIGNED NOT NULL,
        units BIGINT UNSIGNED NOT NULL,
        PRIMARY KEY (resident_id, behaviour, started_at, inbox_event_id)
      ) ENGINE=InnoDB`);
    await q.query(`
      INSERT INTO metered_use (resident_id, behaviour, started_at, inbox_event_id, units)
      SELECT e.resident_id, e.behaviour, e.started_at, e.id, e.units
        FROM inbox_events e
       WHERE e.status IN ('credited', 'capped') AND e.resident_id IS NOT NULL AND e.units IS NOT NULL
         AND EXISTS (SELECT 1 FROM methodologies m
                      WHERE m.program_id = e.program_id AND m.behaviour = e.behaviour
                        AND m.model = 'baseline_diff')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE metered_use');
  }
}
