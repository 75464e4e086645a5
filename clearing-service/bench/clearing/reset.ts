// Puts the kept dataset's cycle back to OPEN with nothing cleared, so each run clears the same
// million captures again: what the cycle's close, aggregate and issue wrote in clearing's tables is
// removed, and what its 注销 moved in the ledger is moved back by reversing transactions. The
// captures, their ledger transactions and leaves stay as HoldsService wrote them.
import type { Connection, RowDataPacket } from 'mysql2/promise';

export async function resetCycle(db: Connection, programId: number): Promise<boolean> {
  const [[cycle]] = await db.query<RowDataPacket[]>(
    'SELECT id, state FROM clearing_cycles WHERE program_id = ? AND seq = 1',
    [programId],
  );
  if (!cycle) throw new Error('the dataset has no cycle 1');
  if (cycle.state === 'open') return false;
  await db.query('START TRANSACTION');
  try {
    const [txs] = await db.query<RowDataPacket[]>(
      "SELECT id FROM ledger_transactions WHERE program_id = ? AND reference LIKE 'cancellation:1:%'",
      [programId],
    );
    const ids = txs.map((t) => Number(t.id));
    if (ids.length) {
      // Postings are append-only: the 注销 is undone by a reversing transaction (no leaf: it is the
      // bench's, not the service's), and the old one renamed so the next clear can post its own.
      // Its leaves stay in the log, which grows by the clear's leaves on every run.
      const tag = `reset-${Date.now()}`;
      await db.query(
        `UPDATE ledger_transactions SET reference = CONCAT(?, reference) WHERE id IN (?)`,
        [`${tag}:`, ids],
      );
      const [[tx]] = await db.query<RowDataPacket[]>(
        `SELECT COUNT(*) AS n FROM ledger_transactions WHERE program_id = ? AND reference LIKE ?`,
        [programId, `${tag}:%`],
      );
      if (Number(tx.n) !== ids.length) throw new Error('the reset lost track of the 注销');
      await db.query(
        `INSERT INTO ledger_transactions (program_id, kind, reference, created_at)
           SELECT program_id, kind, CONCAT('un', reference), NOW(3) FROM ledger_transactions
            WHERE id IN (?)`,
        [ids],
      );
      await db.query(
        `INSERT INTO ledger_postings (transaction_id, account_id, amount)
           SELECT r.id, p.account_id, -p.amount FROM ledger_postings p
             JOIN ledger_transactions t ON t.id = p.transaction_id
             JOIN ledger_transactions r ON r.program_id = t.program_id AND r.reference = CONCAT('un', t.reference)
            WHERE p.transaction_id IN (?)`,
        [ids],
      );
      await db.query(
        `UPDATE ledger_accounts a JOIN (SELECT account_id, SUM(amount) AS s FROM ledger_postings
            WHERE transaction_id IN (?) GROUP BY account_id) p ON p.account_id = a.id
            SET a.balance = a.balance - p.s`,
        [ids],
      );
    }
    for (const table of ['clearing_files', 'clearing_positions', 'clearing_obligations'])
      await db.query(`DELETE FROM ${table} WHERE cycle_id = ?`, [cycle.id]);
    await db.query('DELETE FROM clearing_cycles WHERE program_id = ? AND seq > 1', [programId]);
    await db.query(
      `UPDATE clearing_cycles SET state = 'open', closed_at = NULL, trade_date = NULL,
          value_date = NULL, fen_per_point = NULL, merchant_fee_bps = NULL, aggregated_at = NULL,
          issued_at = NULL, settled_at = NULL, closes_at = NOW(3) + INTERVAL 1 DAY WHERE id = ?`,
      [cycle.id],
    );
    await db.query('UPDATE clearing_open_cycles SET seq = 1 WHERE program_id = ?', [programId]);
    await db.query('COMMIT');
  } catch (err) {
    await db.query('ROLLBACK');
    throw err;
  }
  return true;
}
