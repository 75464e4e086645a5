import { MigrationInterface, QueryRunner } from 'typeorm';

export class ParticipantCallbacks1763703600000 implements MigrationInterface {
  name = 'ParticipantCallbacks1763703600000';

  async up(q: QueryRunner): Promise<void> {
    // Any participant may have a callback now: operators get their events' results, merchants
    // their redemptions' (and, with clearing, their cycles' and statements').
    await q.query('RENAME TABLE operator_callbacks TO participant_callbacks');
    // A participant event's delivery carries its body whole, written with the effect it reports,
    // so every attempt sends the same bytes; a results delivery (events.decided) is still built
    // from the events it lists when sent (their final statuses never change).
    await q.query(`ALTER TABLE callback_deliveries
      ADD COLUMN type VARCHAR(40) CHARACTER SET ascii NOT NULL DEFAULT 'events.decided' AFTER participant_id,
      ADD COLUMN payload MEDIUMTEXT NULL AFTER type`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE callback_deliveries DROP COLUMN payload, DROP COLUMN type');
    await q.query('RENAME TABLE participant_callbacks TO operator_callbacks');
  }
}
