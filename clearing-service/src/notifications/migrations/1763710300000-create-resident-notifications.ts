import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateResidentNotifications1763710300000 implements MigrationInterface {
  name = 'CreateResidentNotifications1763710300000';

  async up(q: QueryRunner): Promise<void> {
    // What a resident agreed to receive. WeChat's subscribe messages are one-time: each "allow"
    // in the app lets the service send one message of that template, so a row counts them.
    await q.query(`
      CREATE TABLE resident_subscriptions (
        resident_id INT UNSIGNED NOT NULL,
        topic ENUM('redemption_result', 'expiry_reminder') NOT NULL,
        remaining INT UNSIGNED NOT NULL,
        updated_at DATETIME(3) NOT NULL,
        PRIMARY KEY (resident_id, topic),
        CONSTRAINT fk_resident_subscriptions_resident FOREIGN KEY (resident_id) REFERENCES residents (id)
      ) ENGINE=InnoDB`);
    // Each message sent (or tried), once per thing it is about: a redemption's result, a lot's
    // reminder. The unique key is what makes "once" hold across workers and restarts.
    await q.query(`
      CREATE TABLE resident_notifications (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        resident_id INT UNSIGNED NOT NULL,
        topic ENUM('redemption_result', 'expiry_reminder') NOT NULL,
        about VARCHAR(64) CHARACTER SET ascii NOT NULL,
        outcome ENUM('sending', 'sent', 'failed') NOT NULL,
        detail VARCHAR(255) NULL,
        created_at DATETIME(3) NOT NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_resident_notification (topic, about),
        KEY ix_resident_notifications_resident (resident_id, id),
        CONSTRAINT fk_resident_notifications_resident FOREIGN KEY (resident_id) REFERENCES residents (id)
      ) ENGINE=InnoDB`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE resident_notifications');
    await q.query('DROP TABLE resident_subscriptions');
  }
}
