import { placeholders, type SqlRunner } from '../database/sql';

// What the ledger and the audit log hold of one clearing cycle, for its check (clearing's
// CycleCheck, `ledger:check --cycle`): one query across the ledger's, the audit log's and
// clearing's tables.

/** Each cancellation (注销) by its ledger reference: the points into the issuer's cancelled account, and its leaf. */
export async function cancellationsByReference(
  db: SqlRunner,
  programId: number,
  references: readonly string[],
): Promise<Map<string, { points: bigint; leafIndex: number | null }>> {
  if (references.length === 0) return new Map();
  const rows: { reference: string; points: string; leaf_index: string | null }[] = await db.query(
    `SELECT t.reference, p.amount AS points, l.leaf_index
       FROM ledger_transactions t
       JOIN ledger_postings p ON p.transaction_id = t.id
       JOIN ledger_accounts a ON a.id = p.account_id AND a.kind = 'issuer_cancelled'
       LEFT JOIN audit_leaves l
         ON l.program_id = t.program_id AND l.kind = 'ledger_transaction' AND l.ref_id = t.id
      WHERE t.program_id = ? AND t.kind = 'cancellation' AND t.reference IN (${placeholders(references)})`,
    [programId, ...references],
  );
  return new Map(
    rows.map((r) => [
      r.reference,
      { points: BigInt(r.points), leafIndex: r.leaf_index === null ? null : Number(r.leaf_index) },
    ]),
  );
}

/** Each file's audit leaf, by file id: its index and what it says (format 2 JSON). */
export async function fileLeaves(
  db: SqlRunner,
  programId: number,
  fileIds: readonly number[],
): Promise<Map<number, { leafIndex: number; body: Record<string, unknown> }>> {
  if (fileIds.length === 0) return new Map();
  const rows: { ref_id: string; leaf_index: string; leaf_data: Buffer }[] = await db.query(
    `SELECT ref_id, leaf_index, leaf_data FROM audit_leaves
      WHERE program_id = ? AND kind = 'clearing_file' AND ref_id IN (${placeholders(fileIds)})`,
    [programId, ...fileIds],
  );
  return new Map(
    rows.map((r) => [
      Number(r.ref_id),
      {
        leafIndex: Number(r.leaf_index),
        body: JSON.parse(r.leaf_data.subarray(1).toString('utf8')) as Record<string, unknown>,
      },
    ]),
  );
}

/** Sub-ledger lines of the program stamped with no existing cycle, or with one still OPEN at close. */
export async function entriesOutsideCycles(db: SqlRunner, programId: number): Promise<number> {
  const [row]: { n: string }[] = await db.query(
    `SELECT COUNT(*) AS n FROM clearing_entries e
       LEFT JOIN clearing_cycles c ON c.program_id = e.program_id AND c.seq = e.cycle_seq
      WHERE e.program_id = ? AND c.id IS NULL`,
    [programId],
  );
  return Number(row.n);
}
