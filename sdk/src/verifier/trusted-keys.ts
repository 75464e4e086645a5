// Which keys the first checkpoints must be signed by: the auditor's pinned keys, or else (with a
// warning) the genesis keys the log publishes about itself, which only proves the log is
// self-consistent. Later keys are learned from the log (signing-key-chain.ts).
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
  // A service from before the registry marks no key as genesis: then every published key counts.
  const genesis = published.keys.filter((k) => k.genesis);
  for (const { vkey } of genesis.length > 0 ? genesis : published.keys) {
    const parsed = parseVerifierKey(vkey);
    if (parsed.ok) keys.push(parsed.key);
    // Tolerated rather than fatal: a key of another signature type signs no checkpoint.
    else if (parsed.code === 'unknown-key-algorithm')
      warnings.push(`skipped non-Ed25519 key ${vkey}`);
    else stop('keys', `the log publishes an invalid verifier key ${vkey}: ${parsed.reason}`);
  }
  // A log that signed nothing yet has no key to publish; its first checkpoint would be refused.
  if (keys.length === 0) warnings.push('the log publishes no Ed25519 verifier key yet');
  return keys;
}
