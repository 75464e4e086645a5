// Where the verifier reads a log from. The CLI reads the public HTTP API (http-source.ts); the
// service's own fsck implements the same interface over its database. Both return the contract's
// views, so a page read from either is checked the same way.
import type {
  AuditBalancesView,
  AuditCheckpointsView,
  AuditConsistencyProofView,
  AuditKeysView,
  AuditLeavesView,
} from '../contract/audit';
import { decodeBase64 } from '../encoding/base64';

export interface AuditLogSource {
  /** The log's origin, hash and published checkpoint keys. */
  keys(): Promise<AuditKeysView>;
  /** Signed checkpoints with a tree size above `after`, oldest first, at most `limit`. */
  checkpoints(after: number, limit: number): Promise<AuditCheckpointsView>;
  /** Leaves [start, end), end - start at most AUDIT_LEAVES_PAGE, all within a signed checkpoint. */
  leaves(start: number, end: number): Promise<AuditLeavesView>;
  /** RFC 9162 consistency proof between the trees of `from` and `to` leaves (0 < from < to). */
  consistencyProof(from: number, to: number): Promise<AuditConsistencyProofView>;
  /** Ledger accounts with an id above `after` (numeric), as of the first `size` leaves. */
  balances(size: number, after: number, limit: number): Promise<AuditBalancesView>;
}

/**
 * The log's consistency proof between `from` and `to`, decoded: the proof, or why the answer is
 * unusable (another range than asked, or not base64).
 */
export async function fetchConsistencyProof(
  source: AuditLogSource,
  from: number,
  to: number,
): Promise<{ proof: Uint8Array[] } | { problem: string }> {
  const view = await source.consistencyProof(from, to);
  if (view.from !== from || view.to !== to) {
    return { problem: `the log answered with a proof from ${view.from} to ${view.to}` };
  }
  const proof = view.proof.map(decodeBase64);
  if (proof.some((p) => p === undefined)) return { problem: 'the proof is not base64' };
  return { proof: proof as Uint8Array[] };
}
