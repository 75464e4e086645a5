import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateLedger1763700400000 implements MigrationInterface {
  name = 'CreateLedger1763700400000';

  async up(q: QueryRunner): Promise<void> {
    // One asset per issuer: points funded by that operator. An account holds one asset; owner 0 and
    // the far expiry stand for "none" so the unique key also holds for issuer accounts.
    await q.query(`
      CREATE TABLE ledger_accounts (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        program_id INT UNSIGNED NOT NULL,
        issuer_id INT UNSIGNED NOT NULL,
        kind ENUM('issuer_mint','issuer_block','resident','merchant') NOT NULL,
        owner_id INT UNSIGNED NOT NULL,
        expires_on DATE NOT NULL,
        balance BIGINT NOT NULL DEFAULT 0,
        PRIMARY KEY (id),
        UNIQUE KEY uq_ledger_account (program_id, issuer_id, kind, owner_id, expires_on),
        KEY ix_ledger_owner (program_id, kind, owner_id),
        CONSTRAINT fk_ledger_accounts_program FOREIGN KEY (program_id) REFERENCES programs (id),
        CONSTRAINT fk_ledger_accounts_issuer FOREIGN KEY (issuer_id) REFERENCES participants (id),
        CONSTRAINT ck_ledger_no_overdraft CHECK (kind = 'issuer_mint' OR balance >= 0)
      ) ENGINE=InnoDB`);
    await q.query(`
      CREATE TABLE ledger_transactions (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        program_id INT UNSIGNED NOT NULL,
        kind ENUM('issuance','top_up') NOT NULL,
        reference VARCHAR(64) NOT NULL,
        created_at DATETIME(3) NOT NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_ledger_reference (program_id, reference),
        CONSTRAINT fk_ledger_transactions_program FOREIGN KEY (program_id) REFERENCES programs (id)
      ) ENGINE=InnoDB`);
    await q.query(`
      CREATE TABLE ledger_postings (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        transaction_id BIGINT UNSIGNED NOT NULL,
        account_id BIGINT UNSIGNED NOT NULL,
        amount BIGINT NOT NULL,
        PRIMARY KEY (id),
        KEY ix_postings_transaction (transaction_id),
        KEY ix_postings_account (account_id),
        CONSTRAINT fk_postings_transaction FOREIGN KEY (transaction_id) REFERENCES ledger_transactions (id),
        CONSTRAINT fk_postings_account FOREIGN KEY (account_id) REFERENCES ledger_accounts (id),
        CONSTRAINT ck_postings_nonzero CHECK (amount <> 0)
      ) ENGINE=InnoDB`);
    // Postings are append-only (invariant 2): corrections are reversing transactions.
    await q.query(`CREATE TRIGGER ledger_postings_no_update BEFORE UPDATE ON ledger_postings FOR EACH ROW
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'ledger postings are append-only'`);
    await q.query(`CREATE TRIGGER ledger_postings_no_delete BEFORE DELETE ON ledger_postings FOR EACH ROW
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'ledger postings are append-only'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER ledger_postings_no_delete');
    await q.query('DROP TRIGGER ledger_postings_no_update');
    for (const t of ['ledger_postings', 'ledger_transactions', 'ledger_accounts'])
      await q.query(`DROP TABLE ${t}`);
  }
}
