import type { InvariantCheck } from '../database/invariant-check';

/** The invariants of docs/domain.md that the audit log's own tables keep (its proofs: fsck). */
export const AUDIT_INVARIANTS: InvariantCheck[] = [
  {
    invariant: '7 gap-free leaf indexes',
    description: 'a program whose leaf indexes are not exactly 0..n-1, or whose log head disagrees',
    sql: `SELECT h.program_id, h.next_index, COUNT(l.leaf_index) AS leaves, MAX(l.leaf_index) AS max_index
            FROM audit_log_heads h LEFT JOIN audit_leaves l ON l.program_id = h.program_id
           WHERE h.program_id IN (:program_ids)
           GROUP BY h.program_id, h.next_index
          HAVING COUNT(l.leaf_index) <> h.next_index OR COALESCE(MAX(l.leaf_index) + 1, 0) <> h.next_index LIMIT 5`,
  },
];
