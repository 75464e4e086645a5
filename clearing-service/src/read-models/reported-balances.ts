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

/** One resident's lot as the bureau's replay names it, as of a tree size. */
export interface ReportedResidentLot {
  residentId: number;
  issuerCode: string;
  expiresOn: string;
  balance: bigint;
  posted: bigint;
}

/** How accounts are grouped: the selected columns (as `GroupRow` names them) and their GROUP BY. */
interface Grouping {
  select: string;
  groupBy: string;
  where: string;
}

// How the public log groups ledger accounts (ledger), with issuers' and merchants' codes (tenancy).
const PUBLIC: Grouping = {
  select: `a.kind, p.code AS issuer_code, o.code AS owner_code,
       IF(a.kind IN ('resident', 'resident_held'), DATE_FORMAT(a.expires_on, '%Y-%m-%d'), NULL) AS expires_on`,
  groupBy: 'a.kind, p.code, o.code, expires_on',
  where: '',
};
// The bureau's: every resident lot on its own (the viewing key's replay).
const PER_RESIDENT: Grouping = {
  select: `a.kind, p.code AS issuer_code, a.owner_id AS owner_code,
       DATE_FORMAT(a.expires_on, '%Y-%m-%d') AS expires_on`,
  groupBy: 'a.kind, p.code, a.owner_id, expires_on',
  where: "AND a.kind = 'resident'",
};
const ACCOUNTS = `ledger_accounts a JOIN participants p ON p.id = a.issuer_id
  LEFT JOIN participants o ON o.id = a.owner_id AND a.kind IN ('merchant', 'merchant_clearing')`;

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
  const groups = await groupedBalances(db, programId, treeSize, PUBLIC);
  return groups
    .map(({ row, balance, posted }) => ({
      kind: row.kind,
      issuerCode: row.issuer_code,
      ownerCode: row.owner_code,
      expiresOn: row.expires_on,
      balance,
      posted,
    }))
    .sort((a, b) => compareKeys(a, b));
}

/** Every resident lot as of `treeSize`, as reportedBalances computes the pools: for the bureau. */
export async function reportedResidentLots(
  db: SqlRunner,
  programId: number,
  treeSize: number,
): Promise<ReportedResidentLot[]> {
  const groups = await groupedBalances(db, programId, treeSize, PER_RESIDENT);
  return groups
    .map(({ row, balance, posted }) => ({
      residentId: Number(row.owner_code),
      issuerCode: row.issuer_code,
      expiresOn: row.expires_on as string,
      balance,
      posted,
    }))
    .sort(
      (a, b) =>
        a.residentId - b.residentId ||
        a.issuerCode.localeCompare(b.issuerCode) ||
        a.expiresOn.localeCompare(b.expiresOn),
    );
}

async function groupedBalances(
  db: SqlRunner,
  programId: number,
  treeSize: number,
  g: Grouping,
): Promise<{ row: GroupRow; balance: bigint; posted: bigint }[]> {
  const balances: GroupRow[] = await db.query(
    `SELECT ${g.select}, SUM(a.balance) AS total FROM ${ACCOUNTS}
      WHERE a.program_id = ? ${g.where} GROUP BY ${g.groupBy}`,
    [programId],
  );
  const posted: GroupRow[] = await db.query(
    `SELECT ${g.select}, SUM(po.amount) AS total
       FROM ledger_postings po JOIN ${ACCOUNTS} ON a.id = po.account_id
      WHERE a.program_id = ? ${g.where} GROUP BY ${g.groupBy}`,
    [programId],
  );
  // The postings of transactions sealed at or past the size: usually the few unsealed ones.
  const later: GroupRow[] = await db.query(
    `SELECT ${g.select}, SUM(po.amount) AS total
       FROM audit_leaves l JOIN ledger_postings po ON po.transaction_id = l.ref_id
       JOIN ${ACCOUNTS} ON a.id = po.account_id
      WHERE l.program_id = ? AND l.leaf_index >= ? AND l.kind = 'ledger_transaction' ${g.where}
      GROUP BY ${g.groupBy}`,
    [programId, treeSize],
  );
  const key = (r: GroupRow) =>
    `${r.kind}|${r.issuer_code}|${r.owner_code ?? ''}|${r.expires_on ?? ''}`;
  const sums = (rows: GroupRow[]) => new Map(rows.map((r) => [key(r), BigInt(r.total ?? 0)]));
  const postedBy = sums(posted);
  const laterBy = sums(later);
  return balances.map((row) => {
    const moved = laterBy.get(key(row)) ?? 0n;
    return {
      row,
      balance: BigInt(row.total ?? 0) - moved,
      posted: (postedBy.get(key(row)) ?? 0n) - moved,
    };
  });
}

function compareKeys(a: ReportedAccount, b: ReportedAccount): number {
  for (const field of ['kind', 'issuerCode', 'ownerCode', 'expiresOn'] as const) {
    const x = a[field] ?? '';
    const y = b[field] ?? '';
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
