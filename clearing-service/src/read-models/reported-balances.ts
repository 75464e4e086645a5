import { placeholders, type SqlRunner } from '../database/sql';
import type { AccountKind } from '../ledger/ledger-account';

/** A ledger account as of a tree size, as the audit log's balances view reports it. */
export interface ReportedAccount {
  id: string;
  kind: AccountKind;
  ownerId: number;
  expiresOn: string;
  issuerCode: string;
  /** The cached balance less the postings of transactions whose leaf is at or past the size. */
  balance: bigint;
  /** The stored postings less those same ones. */
  posted: bigint;
}

/**
 * A page of the program's ledger accounts (ledger, with their issuers' codes from tenancy) by id,
 * each as of `treeSize` (its postings less those sealed in leaves at or past it, from audit). Run
 * it in one REPEATABLE READ snapshot: a ledger transaction moves its postings, cached balances and
 * leaf in one commit. Returns up to `limit + 1` accounts, so the caller sees whether more follow.
 */
export async function reportedBalances(
  db: SqlRunner,
  programId: number,
  treeSize: number,
  after: number,
  limit: number,
): Promise<ReportedAccount[]> {
  const accounts: {
    id: string;
    kind: AccountKind;
    owner_id: number;
    expires_on: string;
    balance: string;
    issuer_code: string;
  }[] = await db.query(
    `SELECT a.id, a.kind, a.owner_id, DATE_FORMAT(a.expires_on, '%Y-%m-%d') AS expires_on,
            a.balance, p.code AS issuer_code
       FROM ledger_accounts a JOIN participants p ON p.id = a.issuer_id
      WHERE a.program_id = ? AND a.id > ? ORDER BY a.id LIMIT ?`,
    [programId, after, limit + 1],
  );
  if (accounts.length === 0) return [];
  const ids = accounts.slice(0, limit).map((a) => a.id);
  // Every posting of the page's accounts, from the (account_id, amount) index alone…
  const totals: { account_id: string; total: string }[] = await db.query(
    `SELECT account_id, SUM(amount) AS total FROM ledger_postings
      WHERE account_id IN (${placeholders(ids)}) GROUP BY account_id`,
    ids,
  );
  // …less those of transactions whose leaf is at or past the size: usually the few unsealed.
  const later: { account_id: string; total: string }[] = await db.query(
    `SELECT po.account_id, SUM(po.amount) AS total
       FROM audit_leaves l JOIN ledger_postings po ON po.transaction_id = l.ref_id
      WHERE l.program_id = ? AND l.leaf_index >= ? AND l.kind = 'ledger_transaction'
        AND po.account_id IN (${placeholders(ids)})
      GROUP BY po.account_id`,
    [programId, treeSize, ...ids],
  );
  const sum = (rows: { account_id: string; total: string }[]) =>
    new Map(rows.map((r) => [String(r.account_id), BigInt(r.total)]));
  const total = sum(totals);
  const moved = sum(later);
  return accounts.map((a) => {
    const id = String(a.id);
    const afterSize = moved.get(id) ?? 0n;
    return {
      id,
      kind: a.kind,
      ownerId: a.owner_id,
      expiresOn: a.expires_on,
      issuerCode: a.issuer_code,
      balance: BigInt(a.balance) - afterSize,
      posted: (total.get(id) ?? 0n) - afterSize,
    };
  });
}
