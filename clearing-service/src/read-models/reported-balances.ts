import type { SqlRunner } from '../database/sql';
import type { AccountKind } from '../ledger/ledger-account';

/**
 * An account as the public log names it, as of a tree size: an organisation's account, or the pool
 * of residents' lots of one asset and expiry (leaf format 2, docs/private-log.md).
 */
export interface ReportedAccount {
  kind: AccountKind;
  issuerCode: string;
  /** A merchant's code; null for issuers' accounts and pools. */
  ownerCode: string | null;
  /** A pool's expiry; null for organisations. */
  expiresOn: string | null;
  /** The cached balances less the postings of transactions whose leaf is at or past the size. */
  balance: bigint;
  /** The stored postings less those same ones. */
  posted: bigint;
}

// How the public log groups ledger accounts (ledger), with issuers' and merchants' codes (tenancy).
const GROUP = `a.kind, p.code AS issuer_code, o.code AS owner_code,
       IF(a.kind = 'resident', DATE_FORMAT(a.expires_on, '%Y-%m-%d'), NULL) AS expires_on`;
const GROUP_BY = 'a.kind, p.code, o.code, expires_on';
const ACCOUNTS = `ledger_accounts a JOIN participants p ON p.id = a.issuer_id
  LEFT JOIN participants o ON o.id = a.owner_id AND a.kind = 'merchant'`;

interface GroupRow {
  kind: AccountKind;
  issuer_code: string;
  owner_code: string | null;
  expires_on: string | null;
  total: string;
}

/**
 * Every public account of the program as of `treeSize`: the cached balances summed per group, the
 * stored postings summed per group, each less the postings of leaves at or past the size (audit).
 * Run it in one REPEATABLE READ snapshot: a ledger transaction moves its postings, cached balances
 * and leaf in one commit. Ordered by kind, asset, owner and expiry.
 */
export async function reportedBalances(
  db: SqlRunner,
  programId: number,
  treeSize: number,
): Promise<ReportedAccount[]> {
  const balances: GroupRow[] = await db.query(
    `SELECT ${GROUP}, SUM(a.balance) AS total FROM ${ACCOUNTS}
      WHERE a.program_id = ? GROUP BY ${GROUP_BY}`,
    [programId],
  );
  const posted: GroupRow[] = await db.query(
    `SELECT ${GROUP}, SUM(po.amount) AS total
       FROM ledger_postings po JOIN ${ACCOUNTS} ON a.id = po.account_id
      WHERE a.program_id = ? GROUP BY ${GROUP_BY}`,
    [programId],
  );
  // The postings of transactions sealed at or past the size: usually the few unsealed ones.
  const later: GroupRow[] = await db.query(
    `SELECT ${GROUP}, SUM(po.amount) AS total
       FROM audit_leaves l JOIN ledger_postings po ON po.transaction_id = l.ref_id
       JOIN ${ACCOUNTS} ON a.id = po.account_id
      WHERE l.program_id = ? AND l.leaf_index >= ? AND l.kind = 'ledger_transaction'
      GROUP BY ${GROUP_BY}`,
    [programId, treeSize],
  );
  const key = (r: GroupRow) =>
    `${r.kind}|${r.issuer_code}|${r.owner_code ?? ''}|${r.expires_on ?? ''}`;
  const sums = (rows: GroupRow[]) => new Map(rows.map((r) => [key(r), BigInt(r.total ?? 0)]));
  const postedBy = sums(posted);
  const laterBy = sums(later);
  return balances
    .map((r) => {
      const moved = laterBy.get(key(r)) ?? 0n;
      return {
        kind: r.kind,
        issuerCode: r.issuer_code,
        ownerCode: r.owner_code,
        expiresOn: r.expires_on,
        balance: BigInt(r.total ?? 0) - moved,
        posted: (postedBy.get(key(r)) ?? 0n) - moved,
      };
    })
    .sort((a, b) => compareKeys(a, b));
}

function compareKeys(a: ReportedAccount, b: ReportedAccount): number {
  for (const field of ['kind', 'issuerCode', 'ownerCode', 'expiresOn'] as const) {
    const x = a[field] ?? '';
    const y = b[field] ?? '';
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
