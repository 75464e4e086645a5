import type { SqlRunner } from '../../database/sql';

// Reads of the ledger for other modules (`db` is the caller's); LedgerWriter writes it.

/** An issuer's prepaid block and its mint (whose negative balance is every point it created). */
export async function issuerBalances(
  db: SqlRunner,
  programId: number,
  issuerId: number,
): Promise<{ block: bigint; mint: bigint }> {
  const rows: { kind: 'issuer_block' | 'issuer_mint'; balance: string }[] = await db.query(
    `SELECT kind, balance FROM ledger_accounts
      WHERE program_id = ? AND issuer_id = ? AND kind IN ('issuer_block', 'issuer_mint')`,
    [programId, issuerId],
  );
  const of = (kind: string) => BigInt(rows.find((r) => r.kind === kind)?.balance ?? 0);
  return { block: of('issuer_block'), mint: of('issuer_mint') };
}

/** The amount a transaction of this reference credited (its positive posting), or null when there is none. */
export async function creditedByReference(
  db: SqlRunner,
  programId: number,
  reference: string,
): Promise<string | null> {
  const [row]: { amount: string }[] = await db.query(
    `SELECT p.amount FROM ledger_transactions t JOIN ledger_postings p ON p.transaction_id = t.id AND p.amount > 0
      WHERE t.program_id = ? AND t.reference = ?`,
    [programId, reference],
  );
  return row ? String(row.amount) : null;
}
