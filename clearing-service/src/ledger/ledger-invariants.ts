import type { InvariantCheck } from '../database/invariant-check';

/** The invariants of docs/domain.md that the ledger's own tables keep. */
export const LEDGER_INVARIANTS: InvariantCheck[] = [
  {
    invariant: '1 double entry (transactions)',
    description: 'a ledger transaction whose postings do not sum to zero for an asset',
    sql: `SELECT p.transaction_id, a.issuer_id AS asset, SUM(p.amount) AS sum
            FROM ledger_postings p JOIN ledger_accounts a ON a.id = p.account_id
           WHERE a.program_id IN (:program_ids)
           GROUP BY p.transaction_id, a.issuer_id HAVING SUM(p.amount) <> 0 LIMIT 5`,
  },
  {
    invariant: '1 double entry (assets)',
    description: 'an asset whose account balances do not sum to zero',
    sql: `SELECT program_id, issuer_id AS asset, SUM(balance) AS sum FROM ledger_accounts
           WHERE program_id IN (:program_ids)
           GROUP BY program_id, issuer_id HAVING SUM(balance) <> 0 LIMIT 5`,
  },
  {
    invariant: '2 append-only postings',
    description: 'the triggers that refuse UPDATE and DELETE on ledger_postings are missing',
    sql: `SELECT 'ledger_postings' AS table_name, COUNT(*) AS triggers FROM information_schema.TRIGGERS
           WHERE TRIGGER_SCHEMA = DATABASE() AND EVENT_OBJECT_TABLE = 'ledger_postings'
             AND EVENT_MANIPULATION IN ('UPDATE', 'DELETE')
          HAVING COUNT(*) < 2`,
  },
  {
    invariant: '4 no overdraft',
    // A merchant's clearing account is a position, not a balance: a refund of a capture an
    // earlier cycle cleared takes it below zero until the next 注销 reinstates the points.
    description: 'a resident, merchant or prepaid-block account below zero',
    sql: `SELECT id AS account_id, kind, owner_id, balance FROM ledger_accounts
           WHERE program_id IN (:program_ids) AND kind NOT IN ('issuer_mint', 'merchant_clearing')
             AND balance < 0 LIMIT 5`,
  },
  {
    invariant: '5 cached balances',
    description: 'an account whose cached balance differs from the sum of its postings',
    sql: `SELECT a.id AS account_id, a.balance AS cached, COALESCE(SUM(p.amount), 0) AS postings
            FROM ledger_accounts a LEFT JOIN ledger_postings p ON p.account_id = a.id
           WHERE a.program_id IN (:program_ids)
           GROUP BY a.id, a.balance HAVING a.balance <> COALESCE(SUM(p.amount), 0) LIMIT 5`,
  },
];
