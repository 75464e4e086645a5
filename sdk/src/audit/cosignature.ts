// Witness cosignatures (C2SP tlog-cosignature, Ed25519 "cosignature/v1", signature type 0x04).
// A cosignature is a signed-note line `— <witness name> base64(key ID || u64 time || signature)`
// over "cosignature/v1\ntime <time>\n" || the checkpoint body: "as of <time>, this is the largest
// consistent tree I have seen for this log". The message does not name the witness, so one key
// must never serve two witness names.
import { ed25519 } from '@noble/curves/ed25519';
import { verifyEd25519 } from './ed25519-verify';
import { decodeBase64, encodeBase64 } from '../encoding/base64';
import { encodeUtf8Strict } from '../encoding/utf8';
import { concatBytes, readUint32BE, writeUint32BE } from './bytes';
import { parseCheckpoint, type Checkpoint } from './checkpoint';
import { verifyConsistency } from './consistency';
import type { LogHash } from './hash';
import { parseNote } from './note';
import {
  formatKeyId,
  isValidKeyName,
  keyIdOf,
  parseTypedVerifierKey,
  type NoteSigner,
  type NoteVerifierKey,
  type ParsedVerifierKey,
} from './note-key';
import { chop, isValidNoteText } from './note-text';
import { verifyNote } from './note-verify';
import type { Proof } from './proof-chain';
import { fail, type AuditResult } from './result';

/** Signature type byte of Ed25519 cosignature/v1 keys. */
export const COSIGNATURE_V1_ALGORITHM = 0x04;

const SIGNATURE_PREFIX = '\u2014 '; // em dash, space
const HEADER = 'cosignature/v1\n';
/** Timestamps are whole seconds; above 2^53 - 1 a JavaScript number would round (the spec allows 2^63 - 1). */
const MAX_TIME = Number.MAX_SAFE_INTEGER;

/** key ID = first 4 bytes of SHA-256(name || "\n" || 0x04 || public key). */
export function cosignatureKeyId(name: string, publicKey: Uint8Array): number {
  return keyIdOf(name, concatBytes(Uint8Array.of(COSIGNATURE_V1_ALGORITHM), publicKey));
}

/** `<name>+<hex key id>+<base64(0x04 || public key)>`, the witness key a log or client pins. */
export function formatCosignatureVerifierKey(key: NoteVerifierKey): string {
  if (!isValidKeyName(key.name))
    throw new RangeError(`invalid key name ${JSON.stringify(key.name)}`);
  if (key.publicKey.length !== 32) throw new RangeError('Ed25519 public keys are 32 bytes');
  const encoded = encodeBase64(concatBytes(Uint8Array.of(COSIGNATURE_V1_ALGORITHM), key.publicKey));
  return `${key.name}+${formatKeyId(cosignatureKeyId(key.name, key.publicKey))}+${encoded}`;
}

/** Parses a witness verifier key; a note key (type 0x01) or any other type is refused. */
export function parseCosignatureVerifierKey(vkey: string): AuditResult<{ key: ParsedVerifierKey }> {
  return parseTypedVerifierKey(vkey, COSIGNATURE_V1_ALGORITHM);
}

/** The signed message: "cosignature/v1\ntime <time>\n" followed by the checkpoint body. */
export function cosignatureMessage(checkpointBody: string, time: number): Uint8Array {
  checkTime(time);
  const message = encodeUtf8Strict(`${HEADER}time ${time}\n${checkpointBody}`);
  if (!checkpointBody.endsWith('\n') || !isValidNoteText(checkpointBody) || !message) {
    throw new RangeError('the checkpoint body must be note text ending in a newline');
  }
  return message;
}

/**
 * The witness's cosignature line over `checkpointBody` (the note text without its signatures) at
 * `time` (unix seconds). Check the checkpoint first: witnessCheckpoint does, then calls this.
 */
export function cosignCheckpoint(signer: NoteSigner, checkpointBody: string, time: number): string {
  if (!isValidKeyName(signer.name)) {
    throw new RangeError(`invalid key name ${JSON.stringify(signer.name)}`);
  }
  if (signer.secretKey.length !== 32) throw new RangeError('Ed25519 secret keys are 32-byte seeds');
  const message = cosignatureMessage(checkpointBody, time);
  const raw = new Uint8Array(4 + 8 + 64);
  writeUint32BE(cosignatureKeyId(signer.name, ed25519.getPublicKey(signer.secretKey)), raw, 0);
  writeUint32BE(Math.floor(time / 2 ** 32), raw, 4);
  writeUint32BE(time >>> 0, raw, 8);
  raw.set(ed25519.sign(message, signer.secretKey), 12);
  return `${SIGNATURE_PREFIX}${signer.name} ${encodeBase64(raw)}`;
}

export interface ParsedCosignature {
  readonly name: string;
  readonly keyId: number;
  /** Unix seconds. */
  readonly time: number;
  readonly signature: Uint8Array;
}

/** Splits a cosignature line (with or without its newline) into name, key ID, time and signature. */
export function parseCosignature(line: string): AuditResult<{ cosignature: ParsedCosignature }> {
  const text = line.endsWith('\n') ? line.slice(0, -1) : line;
  if (!text.startsWith(SIGNATURE_PREFIX) || text.includes('\n')) {
    return fail('malformed-note', 'a cosignature is one line "— <name> <base64>"');
  }
  const [name, encoded] = chop(text.slice(SIGNATURE_PREFIX.length), ' ');
  const raw = decodeBase64(encoded);
  if (!isValidKeyName(name) || raw === undefined) {
    return fail('malformed-note', 'a cosignature is one line "— <name> <base64>"');
  }
  if (raw.length !== 4 + 8 + 64) {
    return fail(
      'malformed-note',
      'a cosignature/v1 signature is 76 bytes: key ID, timestamp, Ed25519 signature',
    );
  }
  const high = readUint32BE(raw, 4);
  const time = high * 2 ** 32 + readUint32BE(raw, 8);
  if (high >= 2 ** 21) {
    return fail('malformed-note', 'the cosignature timestamp is beyond 2^53 - 1 seconds');
  }
  return {
    ok: true,
    cosignature: { name, keyId: readUint32BE(raw, 0), time, signature: raw.slice(12) },
  };
}

/**
 * Checks a witness's cosignature line over `checkpointBody` against its pinned key (the name and
 * key ID must match the key; the Ed25519 signature must verify strictly). Returns its time.
 */
export function verifyCosignature(
  key: NoteVerifierKey,
  checkpointBody: string,
  line: string,
): AuditResult<{ time: number }> {
  const parsed = parseCosignature(line);
  if (!parsed.ok) return parsed;
  const { name, keyId, time, signature } = parsed.cosignature;
  const expectedId = cosignatureKeyId(key.name, key.publicKey);
  if (name !== key.name || keyId !== expectedId) {
    return fail(
      'key-id-mismatch',
      `the cosignature is by ${name}+${formatKeyId(keyId)}, not ${key.name}+${formatKeyId(expectedId)}`,
    );
  }
  let message: Uint8Array;
  try {
    message = cosignatureMessage(checkpointBody, time);
  } catch (err) {
    return fail('malformed-checkpoint', (err as Error).message);
  }
  if (!verifyEd25519(signature, message, key.publicKey)) {
    return fail('invalid-signature', `invalid cosignature by ${name}+${formatKeyId(keyId)}`);
  }
  return { ok: true, time };
}

/** What a witness remembers of a log: the last checkpoint it cosigned (or checked). */
export interface WitnessedTreeHead {
  readonly size: number;
  readonly rootHash: Uint8Array;
}

export interface WitnessInput {
  /** The log's pinned checkpoint keys (the `keys` view of the log, checked out of band). */
  readonly logKeys: readonly NoteVerifierKey[];
  /** The log's origin, the first line of its checkpoints. */
  readonly origin: string;
  readonly hash: LogHash;
  /** The last checkpoint this witness saw; null (or size 0) on first contact. */
  readonly previous: WitnessedTreeHead | null;
  /** The new signed checkpoint note. */
  readonly note: string;
  /** RFC 9162 consistency proof from previous.size to the new size (empty on first contact). */
  readonly proof: Proof;
  readonly signer: NoteSigner;
  /** Unix seconds. */
  readonly time: number;
}

/**
 * The witness's side: checks the new checkpoint is signed by the pinned log key, is of this log,
 * never goes back and extends the previous one (the consistency proof), then returns the
 * cosignature line to POST to the log, and the checkpoint to remember as `previous` next time.
 */
export function witnessCheckpoint(
  input: WitnessInput,
): AuditResult<{ checkpoint: Checkpoint; cosignature: string }> {
  const verified = verifyNote(input.note, input.logKeys);
  if (!verified.ok) return verified;
  const parsed = parseCheckpoint(verified.body);
  if (!parsed.ok) return parsed;
  const { checkpoint } = parsed;
  if (checkpoint.origin !== input.origin) {
    return fail(
      'origin-mismatch',
      `checkpoint origin ${JSON.stringify(checkpoint.origin)} is not ${JSON.stringify(input.origin)}`,
    );
  }
  const previous = input.previous;
  if (previous && previous.size > 0) {
    if (checkpoint.size < previous.size) {
      return fail(
        'size-order',
        `checkpoint size ${checkpoint.size} is smaller than the last seen ${previous.size}`,
      );
    }
    const consistent = verifyConsistency(
      input.hash,
      previous.size,
      checkpoint.size,
      input.proof,
      previous.rootHash,
      checkpoint.rootHash,
    );
    if (!consistent.ok) return consistent;
  } else if (input.proof.length > 0) {
    return fail('unexpected-proof', 'no previous checkpoint, but a consistency proof');
  }
  return {
    ok: true,
    checkpoint,
    cosignature: cosignCheckpoint(input.signer, verified.body, input.time),
  };
}

/** Appends cosignature lines to a signed note (the log does this with the lines it accepted). */
export function appendCosignatures(note: string, lines: readonly string[]): string {
  const parsed = parseNote(note);
  if (!parsed.ok) throw new RangeError(`cannot add cosignatures: ${parsed.reason}`);
  return note + lines.map((l) => `${l}\n`).join('');
}

function checkTime(time: number): void {
  if (!Number.isSafeInteger(time) || time < 0 || time > MAX_TIME) {
    throw new RangeError(`cosignature time ${time} is not whole non-negative seconds`);
  }
}
