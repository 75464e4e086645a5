import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The overlap check reads, for each resident of a batch, the trips that end after the batch's
 * earliest start. Led by ended_at, the trip index finds only those (it read every trip the resident
 * ever made that started before the batch's latest end), and it holds the columns the check needs,
 * so it no longer reads each trip's row: at 30,000 residents those reads went to disk.
 * ix_reductions_resident (program, resident, id) gives way to (program, id): inserted in order
 * instead of at random places, it serves the program foreign key and the program-wide scans, and a
 * resident's totals use the trip index (a resident belongs to one program).
 */
export class CoverTripLookups1763702000000 implements MigrationInterface {
  name = 'CoverTripLookups1763702000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reductions
      DROP INDEX ix_reductions_trips,
      ADD INDEX ix_reductions_trips (resident_id, is_trip, ended_at, started_at, inbox_event_id),
      DROP INDEX ix_reductions_resident,
      ADD INDEX ix_reductions_program (program_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reductions
      DROP INDEX ix_reductions_program,
      ADD INDEX ix_reductions_resident (program_id, resident_id, id),
      DROP INDEX ix_reductions_trips,
      ADD INDEX ix_reductions_trips (resident_id, is_trip, started_at)`);
  }
}
