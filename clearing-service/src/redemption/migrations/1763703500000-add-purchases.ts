import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddPurchases1763703500000 implements MigrationInterface {
  name = 'AddPurchases1763703500000';

  async up(q: QueryRunner): Promise<void> {
    // A redemption bought in the shop names its offer; residents list their own, newest first.
    await q.query(`ALTER TABLE redemptions
      ADD COLUMN offer_id INT UNSIGNED NULL AFTER merchant_order_id,
      ADD KEY ix_redemption_resident (program_id, resident_id, id),
      ADD KEY ix_redemption_merchant_status (program_id, merchant_id, status, id)`);
    // A resident's live purchases of an offer per China day, for its daily limit: one row locked
    // after the offer's, so concurrent purchases count exactly (a void or expiry gives one back).
    await q.query(`
      CREATE TABLE offer_purchase_days (
        offer_id INT UNSIGNED NOT NULL,
        resident_id INT UNSIGNED NOT NULL,
        china_day DATE NOT NULL,
        purchases INT UNSIGNED NOT NULL,
        PRIMARY KEY (offer_id, resident_id, china_day)
      ) ENGINE=InnoDB`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE offer_purchase_days');
    await q.query(`ALTER TABLE redemptions DROP KEY ix_redemption_merchant_status,
      DROP KEY ix_redemption_resident, DROP COLUMN offer_id`);
  }
}
