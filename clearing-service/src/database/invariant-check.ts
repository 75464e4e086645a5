/**
 * One invariant of docs/domain.md (by its number) that lives in MySQL: `sql` returns the rows that
 * break it (at most 5), over the programs listed where it says `:program_ids`.
 */
export interface InvariantCheck {
  invariant: string;
  description: string;
  sql: string;
}

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
