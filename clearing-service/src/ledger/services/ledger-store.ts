import type { SqlRunner } from '../../database/sql';

// Reads of the ledger for other modules (`db` is the caller's); LedgerWriter writes it.

/** An issuer's prepaid block and its mint (whose negative balance is every point it created). */
export async function issuerBalances(
  db: SqlRunner,
  programId: number,
  issuerId: number,
): Promise<{ block: bigint; mint: bigint; cancelled: bigint; expired: bigint }> {
  const rows: { kind: string; balance: string }[] = await db.query(
    `SELECT kind, SUM(balance) AS balance FROM ledger_accounts
      WHERE program_id = ? AND issuer_id = ?
        AND kind IN ('issuer_block', 'issuer_mint', 'issuer_cancelled', 'issuer_expired')
      GROUP BY kind`,
    [programId, issuerId],
  );
  const of = (kind: string) => BigInt(rows.find((r) => r.kind === kind)?.balance ?? 0);
  return {
    block: of('issuer_block'),
    mint: of('issuer_mint'),
    cancelled: of('issuer_cancelled'),
    expired: of('issuer_expired'),
  };
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

/** A resident's lot as a hold takes it (redemption/allocation/lot-allocation.ts's `Lot`). */
export interface ResidentLot {
  lotId: number;
  issuerId: number;
  expiresOn: string;
  balance: number;
}

/**
 * The resident's lots that hold points and have not expired on `today` (a China day), locked
 * (FOR UPDATE) in id order, in the caller's transaction: a hold's, which takes them next.
 */
export async function lockResidentLots(
  db: SqlRunner,
  programId: number,
  residentId: number,
  today: string,
): Promise<ResidentLot[]> {
  const rows: { id: string; issuer_id: number; expires_on: string; balance: string }[] =
    await db.query(
      `SELECT id, issuer_id, DATE_FORMAT(expires_on, '%Y-%m-%d') AS expires_on, balance
         FROM ledger_accounts
        WHERE program_id = ? AND kind = 'resident' AND owner_id = ? AND expires_on >= ?
          AND balance > 0
        ORDER BY id FOR UPDATE`,
      [programId, residentId, today],
    );
  return rows.map((r) => ({
    lotId: Number(r.id),
    issuerId: Number(r.issuer_id),
    expiresOn: r.expires_on,
    balance: Number(r.balance),
  }));
}
