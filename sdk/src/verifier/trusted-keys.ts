// Which keys checkpoints must be signed by: the auditor's pinned keys, or else (with a warning) the
// keys the log publishes about itself, which only proves the log is self-consistent.
import type { AuditKeysView } from '../contract/audit';
import { parseVerifierKey, type NoteVerifierKey } from '../audit/note-key';
import { stop } from './discrepancy';

export const UNPINNED_WARNING =
  'checkpoints were checked against the keys the log publishes, not pinned keys: ' +
  'pin the log’s verifier keys (--key) to detect a server that re-signs a rewritten log';

export function trustedKeysFor(
  published: AuditKeysView,
  pinned: readonly NoteVerifierKey[] | undefined,
  warnings: string[],
): readonly NoteVerifierKey[] {
  if (pinned !== undefined && pinned.length > 0) return pinned;
  warnings.push(UNPINNED_WARNING);
  const keys: NoteVerifierKey[] = [];
  for (const { vkey } of published.keys) {
    const parsed = parseVerifierKey(vkey);
    if (parsed.ok) keys.push(parsed.key);
    // Tolerated rather than fatal: a key of another signature type signs no checkpoint.
    else if (parsed.code === 'unknown-key-algorithm')
      warnings.push(`skipped non-Ed25519 key ${vkey}`);
    else stop('keys', `the log publishes an invalid verifier key ${vkey}: ${parsed.reason}`);
  }
  if (keys.length === 0) stop('keys', 'the log publishes no Ed25519 verifier key');
  return keys;
}
