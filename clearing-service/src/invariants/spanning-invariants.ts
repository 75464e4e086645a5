import type { InvariantCheck } from '../database/invariant-check';

/**
 * The invariants of docs/domain.md that tie one module's rows to another's: each event credited
 * exactly once (ingest → crediting), each reduction's points issued exactly once (crediting →
 * ledger), each ledger transaction in the log exactly once (ledger → audit).
 */
export const SPANNING_INVARIANTS: InvariantCheck[] = [
  {
    invariant: '3 exactly once (events → reductions)',
    description:
      'a credited event without exactly one reduction, or a reduction of an event not credited',
    sql: `SELECT e.id AS inbox_event_id, e.status, COUNT(r.id) AS reductions
            FROM inbox_events e LEFT JOIN reductions r ON r.inbox_event_id = e.id
           WHERE e.program_id IN (:program_ids)
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
           WHERE r.program_id IN (:program_ids)
           GROUP BY r.id, r.points, r.points_status, r.ledger_transaction_id
          HAVING (r.points_status = 'credited') <> (r.ledger_transaction_id IS NOT NULL)
              OR (r.points_status = 'credited' AND COALESCE(SUM(p.amount), 0) <> r.points) LIMIT 5`,
  },
  {
    invariant: '7 one leaf per ledger transaction',
    description: 'a ledger transaction without exactly one audit leaf',
    sql: `SELECT t.id AS transaction_id, COUNT(l.leaf_index) AS leaves
            FROM ledger_transactions t
            LEFT JOIN audit_leaves l ON l.program_id = t.program_id AND l.kind = 'ledger_transaction' AND l.ref_id = t.id
           WHERE t.program_id IN (:program_ids)
           GROUP BY t.id HAVING COUNT(l.leaf_index) <> 1 LIMIT 5`,
  },
];
