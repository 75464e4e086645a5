import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface InvariantViolation {
  invariant: string;
  description: string;
  rows: Record<string, unknown>[];
}

export interface LedgerCheckResult {
  ok: boolean;
  checked: string[];
  violation: InvariantViolation | null;
}

// An accepted event may wait for the worker this long before it counts as lost (invariant 8).
export const MAX_UNPROCESSED_AGE_SECONDS = 120;

interface Check {
  invariant: string;
  description: string;
  sql: string;
}

/**
 * The invariants of docs/domain.md (by the same numbers) that live in MySQL, checked over the live
 * database: each query returns the rows that break it (at most 5), so the first non-empty answer
 * is the report.
 */
const CHECKS: Check[] = [
  {
    invariant: '1 double entry (transactions)',
    description: 'a ledger transaction whose postings do not sum to zero for an asset',
    sql: `SELECT p.transaction_id, a.issuer_id AS asset, SUM(p.amount) AS sum
            FROM ledger_postings p JOIN ledger_accounts a ON a.id = p.account_id
           WHERE a.program_id IN (:programs)
           GROUP BY p.transaction_id, a.issuer_id HAVING SUM(p.amount) <> 0 LIMIT 5`,
  },
  {
    invariant: '1 double entry (assets)',
    description: 'an asset whose account balances do not sum to zero',
    sql: `SELECT program_id, issuer_id AS asset, SUM(balance) AS sum FROM ledger_accounts
           WHERE program_id IN (:programs)
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
    invariant: '3 exactly once (events → reductions)',
    description:
      'a credited event without exactly one reduction, or a reduction of an event not credited',
    sql: `SELECT e.id AS inbox_event_id, e.status, COUNT(r.id) AS reductions
            FROM inbox_events e LEFT JOIN reductions r ON r.inbox_event_id = e.id
           WHERE e.program_id IN (:programs)
           GROUP BY e.id, e.status
          HAVING (e.status = 'credited') <> (COUNT(r.id) = 1) OR COUNT(r.id) > 1 LIMIT 5`,
  },
  {
    invariant: '3 exactly once (reductions → points)',
    description:
      'a reduction whose credited points are not exactly one issuance transaction of that amount',
    sql: `SELECT r.id AS reduction_id, r.points, r.points_status, r.ledger_transaction_id, SUM(p.amount) AS credited
            FROM reductions r
            LEFT JOIN ledger_postings p ON p.transaction_id = r.ledger_transaction_id AND p.amount > 0
           WHERE r.program_id IN (:programs)
           GROUP BY r.id, r.points, r.points_status, r.ledger_transaction_id
          HAVING (r.points_status = 'credited') <> (r.ledger_transaction_id IS NOT NULL)
              OR (r.points_status = 'credited' AND COALESCE(SUM(p.amount), 0) <> r.points) LIMIT 5`,
  },
  {
    invariant: '4 no overdraft',
    description: 'a resident, merchant or prepaid-block account below zero',
    sql: `SELECT id AS account_id, kind, owner_id, balance FROM ledger_accounts
           WHERE program_id IN (:programs) AND kind <> 'issuer_mint' AND balance < 0 LIMIT 5`,
  },
  {
    invariant: '5 cached balances',
    description: 'an account whose cached balance differs from the sum of its postings',
    sql: `SELECT a.id AS account_id, a.balance AS cached, COALESCE(SUM(p.amount), 0) AS postings
            FROM ledger_accounts a LEFT JOIN ledger_postings p ON p.account_id = a.id
           WHERE a.program_id IN (:programs)
           GROUP BY a.id, a.balance HAVING a.balance <> COALESCE(SUM(p.amount), 0) LIMIT 5`,
  },
  {
    invariant: '7 one leaf per ledger transaction',
    description: 'a ledger transaction without exactly one audit leaf',
    sql: `SELECT t.id AS transaction_id, COUNT(l.leaf_index) AS leaves
            FROM ledger_transactions t
            LEFT JOIN audit_leaves l ON l.program_id = t.program_id AND l.kind = 'ledger_transaction' AND l.ref_id = t.id
           WHERE t.program_id IN (:programs)
           GROUP BY t.id HAVING COUNT(l.leaf_index) <> 1 LIMIT 5`,
  },
  {
    invariant: '7 gap-free leaf indexes',
    description: 'a program whose leaf indexes are not exactly 0..n-1, or whose log head disagrees',
    sql: `SELECT h.program_id, h.next_index, COUNT(l.leaf_index) AS leaves, MAX(l.leaf_index) AS max_index
            FROM audit_log_heads h LEFT JOIN audit_leaves l ON l.program_id = h.program_id
           WHERE h.program_id IN (:programs)
           GROUP BY h.program_id, h.next_index
          HAVING COUNT(l.leaf_index) <> h.next_index OR COALESCE(MAX(l.leaf_index) + 1, 0) <> h.next_index LIMIT 5`,
  },
  {
    invariant: '8 every accepted event processed',
    description: `an event accepted more than ${MAX_UNPROCESSED_AGE_SECONDS} s ago and still not processed`,
    sql: `SELECT id AS inbox_event_id, program_id, received_at FROM inbox_events
           WHERE program_id IN (:programs) AND status = 'accepted'
             AND received_at < NOW(3) - INTERVAL ${MAX_UNPROCESSED_AGE_SECONDS} SECOND LIMIT 5`,
  },
];

/** `npm run cli -- ledger:check`, and the same check for tests. */
@Injectable()
export class LedgerCheck {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async run(programCode?: string): Promise<LedgerCheckResult> {
    const programs: { id: number }[] = programCode
      ? await this.dataSource.query('SELECT id FROM programs WHERE code = ?', [programCode])
      : await this.dataSource.query('SELECT id FROM programs');
    if (programCode && programs.length === 0) throw new Error(`program ${programCode} not found`);
    const ids = programs.length ? programs.map((p) => p.id) : [0];
    const checked: string[] = [];
    for (const check of CHECKS) {
      const sql = check.sql.replace(/:programs/g, ids.map(() => '?').join(', '));
      const params = repeatFor(check.sql, ids);
      const rows: Record<string, unknown>[] = await this.dataSource.query(sql, params);
      checked.push(check.invariant);
      if (rows.length > 0) {
        return {
          ok: false,
          checked,
          violation: { invariant: check.invariant, description: check.description, rows },
        };
      }
    }
    return { ok: true, checked, violation: null };
  }
}

/** Each `:programs` list becomes `?, ?, …`: pass the ids once per list. */
function repeatFor(sql: string, ids: number[]): number[] {
  const lists = sql.split(':programs').length - 1;
  return Array.from({ length: lists }, () => ids).flat();
}
