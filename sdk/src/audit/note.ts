// Signed notes (C2SP signed-note): the text, a blank line, then one line per signature,
// `— <key name> <base64(4-byte key ID || signature)>`. Parsing here is structural only;
// note-verify.ts decides which signatures count.
import { ed25519 } from '@noble/curves/ed25519';
import { decodeBase64, encodeBase64 } from '../encoding/base64';
import { readUint32BE, writeUint32BE } from './bytes';
import { formatKeyId, isValidKeyName, noteKeyId, type NoteSigner } from './note-key';
import { chop, isValidNoteText } from './note-text';
import { encodeUtf8Strict } from '../encoding/utf8';
import { fail, type AuditResult } from './result';

const SIGNATURE_PREFIX = '\u2014 '; // em dash, space

/** More signatures than any log plus its witnesses need; bounds work on hostile input (as Go). */
export const MAX_NOTE_SIGNATURES = 100;

export interface NoteSignatureLine {
  readonly name: string;
  readonly keyId: number;
  /** The signature bytes, without the 4-byte key ID. */
  readonly signature: Uint8Array;
  /** The whole line, without its newline. */
  readonly line: string;
}

/**
 * Splits a signed note into its text (ending in a newline) and signature lines. Stricter than Go's
 * note.Open in one way: two signatures by the same key (name and key ID) make the note malformed,
 * where Go silently keeps the first.
 */
export function parseNote(
  note: string,
): AuditResult<{ body: string; signatures: NoteSignatureLine[] }> {
  if (!isValidNoteText(note)) {
    return fail('malformed-note', 'note must be UTF-8 text with no control characters but newline');
  }
  const split = note.lastIndexOf('\n\n');
  if (split < 0) return fail('malformed-note', 'note has no blank line before its signatures');
  const body = note.slice(0, split + 1);
  const block = note.slice(split + 2);
  if (block === '' || !block.endsWith('\n')) {
    return fail('malformed-note', 'signature block must be non-empty and end in a newline');
  }
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) {
    return fail('malformed-note', `more than ${MAX_NOTE_SIGNATURES} signatures`);
  }
  const signatures: NoteSignatureLine[] = [];
  const seen = new Set<string>();
  for (const line of lines) {
    if (!line.startsWith(SIGNATURE_PREFIX)) {
      return fail('malformed-note', 'signature line does not start with "— "');
    }
    const parsed = parseSignatureLine(line);
    if (parsed === undefined) {
      return fail('malformed-note', 'signature line is not "— <key name> <base64 signature>"');
    }
    const key = `${parsed.name} ${parsed.keyId}`; // names cannot contain spaces
    if (seen.has(key)) {
      return fail(
        'malformed-note',
        `duplicate signature by key ${parsed.name}+${formatKeyId(parsed.keyId)}`,
      );
    }
    seen.add(key);
    signatures.push(parsed);
  }
  return { ok: true, body, signatures };
}

/**
 * One signature line, `— <key name> <base64(4-byte key ID || signature)>` (without its newline):
 * undefined unless it has that shape, a valid key name and a signature after the key ID.
 */
export function parseSignatureLine(line: string): NoteSignatureLine | undefined {
  if (!line.startsWith(SIGNATURE_PREFIX)) return undefined;
  const [name, encoded] = chop(line.slice(SIGNATURE_PREFIX.length), ' ');
  const raw = decodeBase64(encoded);
  if (!isValidKeyName(name) || raw === undefined || raw.length < 5) return undefined;
  return { name, keyId: readUint32BE(raw, 0), signature: raw.slice(4), line };
}

/** `— <key name> <base64(signature bytes)>`: the line a signer adds to a note. */
export function formatSignatureLine(name: string, raw: Uint8Array): string {
  return `${SIGNATURE_PREFIX}${name} ${encodeBase64(raw)}`;
}

/** The bytes a note signature covers; throws unless `body` is note text ending in a newline. */
export function noteTextBytes(body: string): Uint8Array {
  const bytes = encodeUtf8Strict(body);
  if (!body.endsWith('\n') || !isValidNoteText(body) || bytes === undefined) {
    throw new RangeError(
      'note text must end in a newline and contain no control characters but newline',
    );
  }
  return bytes;
}

/** Throws unless the signer has a valid key name and a 32-byte Ed25519 seed. */
export function checkSigner(signer: NoteSigner): void {
  if (!isValidKeyName(signer.name)) {
    throw new RangeError(`invalid key name ${JSON.stringify(signer.name)}`);
  }
  if (signer.secretKey.length !== 32) throw new RangeError('Ed25519 secret keys are 32-byte seeds');
}

/** Signs `body` (which must end in a newline) and returns the signed note. */
export function signNote(body: string, signer: NoteSigner): string {
  return `${body}\n${signatureLine(body, signer).line}\n`;
}

/**
 * Adds `signer`'s signature to an existing note (witness cosigning), replacing an earlier
 * signature by the same key. Existing signatures are kept as they are, not checked: verify the
 * note with verifyNote before cosigning it.
 */
export function addSignature(note: string, signer: NoteSigner): string {
  const parsed = parseNote(note);
  if (!parsed.ok) throw new RangeError(`cannot cosign: ${parsed.reason}`);
  const added = signatureLine(parsed.body, signer);
  const kept = parsed.signatures
    .filter((s) => s.name !== added.name || s.keyId !== added.keyId)
    .map((s) => s.line);
  return `${parsed.body}\n${[...kept, added.line].join('\n')}\n`;
}

function signatureLine(
  body: string,
  signer: NoteSigner,
): { name: string; keyId: number; line: string } {
  const message = noteTextBytes(body);
  checkSigner(signer);
  const keyId = noteKeyId(signer.name, ed25519.getPublicKey(signer.secretKey));
  const raw = new Uint8Array(4 + 64);
  writeUint32BE(keyId, raw, 0);
  raw.set(ed25519.sign(message, signer.secretKey), 4);
  return { name: signer.name, keyId, line: formatSignatureLine(signer.name, raw) };
}
