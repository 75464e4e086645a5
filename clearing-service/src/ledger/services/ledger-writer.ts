import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  consecutiveInsertIds,
  insertRows,
  noWait,
  placeholders,
  SqlRunner,
  StatementQueue,
} from '../../database/sql';
import { AccountKey, accountKeyString } from '../ledger-account';
import { assertBalanced } from '../balanced-transaction';
import { recordTransactions } from '../../reporting/reporting-writer';

export interface Posting {
  account: AccountKey;
  /** Signed whole points; the postings of a transaction sum to zero for their asset. */
  amount: number;
}

export interface NewTransaction {
  kind:
    'issuance' | 'top_up' | 'expiry' | 'hold' | 'capture' | 'release' | 'refund' | 'cancellation';
  /** Unique per program: the idempotency key of the effect, e.g. `event:123`. */
  reference: string;
  postings: Posting[];
}

export interface WrittenTransaction extends NewTransaction {
  id: number;
  /** Account ids, in the order of `postings`. */
  accountIds: number[];
}

export interface LockedAccount {
  id: number;
  /** Exact while the account is locked; as read, for an account only looked up (openAccounts). */
  balance: number;
}

interface AccountRow {
  id: string;
  issuer_id: number;
  kind: AccountKey['kind'];
  owner_id: number;
  expires_on: string;
  balance: string;
}

/**
 * Writes double-entry transactions in bulk inside the caller's database transaction: accounts are
 * created on first use and locked, postings are appended, cached balances move by the same sums.
 * Never commits: the caller writes the transaction's other effects in the same unit.
 */
@Injectable()
export class LedgerWriter {
  /** Creates missing accounts and locks all of them (FOR UPDATE), in a stable order. */
  lockAccounts(
    db: EntityManager,
    programId: number,
    keys: AccountKey[],
  ): Promise<Map<string, LockedAccount>> {
    return this.openAccounts(db, programId, keys, () => true);
  }

  /**
   * Creates missing accounts and returns them all, locking (FOR UPDATE, in id order) those `lock`
   * picks: their balances are exact until commit. The others are only looked up; whoever moves
   * their balances later (`post`) locks them then. Existing accounts are read before anything is
   * inserted, because an upsert of an existing row also locks the index gap before it, which would
   * make writers of unrelated accounts wait for each other.
   */
  async openAccounts(
    db: EntityManager,
    programId: number,
    keys: AccountKey[],
    lock: (key: AccountKey) => boolean,
  ): Promise<Map<string, LockedAccount>> {
    const unique = [...new Map(keys.map((k) => [accountKeyString(k), k])).values()];
    const result = new Map<string, LockedAccount>();
    if (unique.length === 0) return result;
    await this.findAccounts(db, programId, unique, result);
    const missing = unique.filter((k) => !result.has(accountKeyString(k)));
    if (missing.length > 0) {
      // IGNORE: another writer may create the same account meanwhile (a top-up, say); then it waits.
      await insertRows(
        db,
        'ledger_accounts',
        ['program_id', 'issuer_id', 'kind', 'owner_id', 'expires_on', 'balance'],
        missing.map((k) => [programId, k.issuerId, k.kind, k.ownerId, k.expiresOn, 0]),
        '',
        'INSERT IGNORE',
      );
      await this.findAccounts(db, programId, missing, result);
    }
    const locked = unique.filter(lock).map((k) => result.get(accountKeyString(k))!);
    if (locked.length > 0) {
      const rows: { id: string; balance: string }[] = await db.query(
        `SELECT id, balance FROM ledger_accounts WHERE id IN (${placeholders(locked)}) ORDER BY id FOR UPDATE`,
        locked.map((a) => a.id),
      );
      const byId = new Map(locked.map((a) => [a.id, a]));
      for (const r of rows) byId.get(Number(r.id))!.balance = Number(r.balance);
    }
    return result;
  }

  /** Adds the accounts of `keys` that exist to `into`, by key. */
  private async findAccounts(
    db: EntityManager,
    programId: number,
    keys: AccountKey[],
    into: Map<string, LockedAccount>,
  ): Promise<void> {
    // Row-constructor IN lists do not use the index well; narrow by owner and kind, then match exactly.
    const owners = [...new Set(keys.map((k) => k.ownerId))];
    const kinds = [...new Set(keys.map((k) => k.kind))];
    const rows: AccountRow[] = await db.query(
      `SELECT id, issuer_id, kind, owner_id, DATE_FORMAT(expires_on, '%Y-%m-%d') AS expires_on, balance
         FROM ledger_accounts
        WHERE program_id = ? AND kind IN (${placeholders(kinds)}) AND owner_id IN (${placeholders(owners)})`,
      [programId, ...kinds, ...owners],
    );
    const wanted = new Set(keys.map(accountKeyString));
    for (const r of rows) {
      const key = accountKeyString({
        issuerId: r.issuer_id,
        kind: r.kind,
        ownerId: r.owner_id,
        expiresOn: r.expires_on,
      });
      if (wanted.has(key)) into.set(key, { id: Number(r.id), balance: Number(r.balance) });
    }
  }

  /**
   * Appends the transactions; `accounts` must hold every posting's account, locked. Given the
   * caller's StatementQueue, it returns once the transactions have their ids and leaves the postings
   * and balance updates queued there; given a transaction, it returns when everything is written.
   */
  async write(
    db: EntityManager | StatementQueue,
    programId: number,
    transactions: NewTransaction[],
    accounts: Map<string, LockedAccount>,
    at: Date,
  ): Promise<WrittenTransaction[]> {
    if (transactions.length === 0) return [];
    if (!(db instanceof StatementQueue)) {
      const queue = new StatementQueue(db);
      return queue.run(() => this.write(queue, programId, transactions, accounts, at));
    }
    const written = await this.number(db, programId, transactions, accounts, at);
    this.post(db, written, accounts);
    return written;
  }

  /**
   * Inserts the transactions' rows and returns them with their ids, postings not yet written
   * (`post` does that): a caller that has more to write may post last, to hold the locks of busy
   * accounts (an operator's mint) for as short a time as possible.
   */
  async number(
    queue: StatementQueue,
    programId: number,
    transactions: NewTransaction[],
    accounts: Map<string, LockedAccount>,
    at: Date,
  ): Promise<WrittenTransaction[]> {
    if (transactions.length === 0) return [];
    for (const t of transactions) assertBalanced(t);
    const inserted = await insertRows(
      queue,
      'ledger_transactions',
      ['program_id', 'kind', 'reference', 'created_at'],
      transactions.map((t) => [programId, t.kind, t.reference, at]),
    );
    // Points issued, redeemed, expired and cancelled per issuer, for the dashboards (an outbox row).
    noWait(recordTransactions(queue, programId, at, transactions));
    const ids =
      (await consecutiveInsertIds(queue, inserted, transactions.length)) ??
      (await readBackIds(queue, programId, transactions));
    return transactions.map((t, i) => ({
      ...t,
      id: ids[i],
      accountIds: t.postings.map((p) => accountOf(accounts, p.account).id),
    }));
  }

  /**
   * Queues the postings of numbered transactions and moves the cached balances by the same sums.
   * The balances first: that UPDATE locks every account it moves (in id order), so the postings'
   * foreign-key checks then find the accounts already held instead of share-locking them first,
   * which two writers upgrading at once would turn into a deadlock.
   */
  post(queue: StatementQueue, written: WrittenTransaction[], accounts: Map<string, LockedAccount>) {
    if (written.length === 0) return;
    const deltas = new Map<number, number>();
    for (const t of written)
      t.postings.forEach((p, i) =>
        deltas.set(t.accountIds[i], (deltas.get(t.accountIds[i]) ?? 0) + p.amount),
      );
    const changed = [...deltas].filter(([, d]) => d !== 0).sort(([a], [b]) => a - b);
    if (changed.length > 0) {
      noWait(
        queue.query(
          `UPDATE ledger_accounts SET balance = balance + CASE id ${changed.map(() => 'WHEN ? THEN ?').join(' ')} END
            WHERE id IN (${placeholders(changed)})`,
          [...changed.flat(), ...changed.map(([id]) => id)],
        ),
      );
      const byId = new Map([...accounts.values()].map((a) => [a.id, a]));
      for (const [id, delta] of changed) byId.get(id)!.balance += delta;
    }
    noWait(
      insertRows(
        queue,
        'ledger_postings',
        ['transaction_id', 'account_id', 'amount'],
        written.flatMap((t) => t.postings.map((p, i) => [t.id, t.accountIds[i], p.amount])),
      ),
    );
  }
}

/** Transaction ids by reference, in `transactions` order, when the server did not number them consecutively. */
async function readBackIds(
  db: SqlRunner,
  programId: number,
  transactions: NewTransaction[],
): Promise<number[]> {
  const references = transactions.map((t) => t.reference);
  const rows: { id: string; reference: string }[] = await db.query(
    `SELECT id, reference FROM ledger_transactions WHERE program_id = ? AND reference IN (${placeholders(references)})`,
    [programId, ...references],
  );
  const idByReference = new Map(rows.map((r) => [r.reference, Number(r.id)]));
  return references.map((r) => idByReference.get(r)!);
}

function accountOf(accounts: Map<string, LockedAccount>, key: AccountKey): LockedAccount {
  const account = accounts.get(accountKeyString(key));
  if (!account) throw new Error(`account ${accountKeyString(key)} was not locked before writing`);
  return account;
}
