// Verification outcomes are values, not exceptions: a phone UI or an auditor CLI must be able to
// say *why* a proof or note was rejected, and untrusted input failing is the normal case.

/** Stable machine-readable reasons; UIs map these to localized text, `reason` is for logs. */
export type AuditFailureCode =
  // Merkle proofs (transparency-dev/merkle `proof` package error cases)
  | 'invalid-argument'
  | 'index-out-of-range'
  | 'bad-leaf-hash'
  | 'wrong-proof-size'
  | 'size-order'
  | 'empty-tree'
  | 'unexpected-proof'
  | 'empty-proof'
  | 'root-mismatch'
  // tlog-tiles: a tile whose length is not its width's
  | 'bad-tile'
  // Signed notes and keys
  | 'malformed-note'
  | 'malformed-key'
  | 'unknown-key-algorithm'
  | 'key-id-mismatch'
  | 'ambiguous-key'
  | 'invalid-signature'
  | 'no-trusted-signature'
  // Checkpoints
  | 'malformed-checkpoint'
  | 'origin-mismatch';

export interface AuditFailure {
  readonly ok: false;
  readonly code: AuditFailureCode;
  readonly reason: string;
}

/** `{ ok: true, ...value }` on success, an {@link AuditFailure} otherwise. */
export type AuditResult<T extends object = object> = ({ readonly ok: true } & T) | AuditFailure;

export function fail(code: AuditFailureCode, reason: string): AuditFailure {
  return { ok: false, code, reason };
}

export const OK: { readonly ok: true } = Object.freeze({ ok: true });
