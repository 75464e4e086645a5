import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The crediting worker reads a resident's recent metered events (the 7-day electricity baseline);
 * without this index that read scanned the whole inbox and slowed every batch as the inbox grew.
 */
export class IndexInboxByResident1763700900000 implements MigrationInterface {
  name = 'IndexInboxByResident1763700900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE INDEX ix_inbox_resident ON inbox_events (program_id, resident_id, behaviour, started_at)',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX ix_inbox_resident ON inbox_events');
  }
}
