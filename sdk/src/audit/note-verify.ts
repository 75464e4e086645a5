// Which trusted keys signed a note. Follows C2SP signed-note: signatures by unknown keys are
// ignored, a failing signature by a known key rejects the whole note, and a note with no verified
// trusted signature is rejected.
import { equalBytes } from './bytes';
import { verifyEd25519 } from './ed25519-verify';
import { formatKeyId, isValidKeyName, noteKeyId, type NoteVerifierKey } from './note-key';
import { parseNote } from './note';
import { encodeUtf8Strict } from '../encoding/utf8';
import { fail, type AuditResult } from './result';

export interface NoteSignerId {
  readonly name: string;
  readonly keyId: number;
}

export function verifyNote(
  note: string,
  trustedKeys: readonly NoteVerifierKey[],
): AuditResult<{ body: string; signers: NoteSignerId[] }> {
  const keys = indexKeys(trustedKeys);
  if (!keys.ok) return keys;
  const parsed = parseNote(note);
  if (!parsed.ok) return parsed;
  const message = encodeUtf8Strict(parsed.body) as Uint8Array; // parseNote checked the text

  const signers: NoteSignerId[] = [];
  for (const { name, keyId, signature } of parsed.signatures) {
    const candidates = keys.byId.get(`${name} ${keyId}`);
    if (candidates === undefined) continue;
    const label = `${name}+${formatKeyId(keyId)}`;
    if (candidates.length > 1) return fail('ambiguous-key', `several trusted keys are ${label}`);
    if (!verifyEd25519(signature, message, candidates[0].publicKey)) {
      return fail('invalid-signature', `invalid signature for key ${label}`);
    }
    signers.push({ name, keyId });
  }
  if (signers.length === 0) {
    return fail('no-trusted-signature', 'the note has no signature from a trusted key');
  }
  return { ok: true, body: parsed.body, signers };
}

function indexKeys(
  trustedKeys: readonly NoteVerifierKey[],
): AuditResult<{ byId: Map<string, NoteVerifierKey[]> }> {
  const byId = new Map<string, NoteVerifierKey[]>();
  for (const key of trustedKeys) {
    if (!isValidKeyName(key.name) || key.publicKey.length !== 32) {
      return fail(
        'malformed-key',
        `trusted key ${JSON.stringify(key.name)} is not a valid Ed25519 note key`,
      );
    }
    const id = `${key.name} ${noteKeyId(key.name, key.publicKey)}`;
    const list = byId.get(id) ?? [];
    // The same key pinned twice is harmless; two different keys with one name and ID are not.
    if (!list.some((k) => equalBytes(k.publicKey, key.publicKey))) list.push(key);
    byId.set(id, list);
  }
  return { ok: true, byId };
}
