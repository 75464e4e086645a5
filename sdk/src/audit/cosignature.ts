// Witness cosignatures (C2SP tlog-cosignature, Ed25519 "cosignature/v1", signature type 0x04).
// A cosignature is a signed-note line `— <witness name> base64(key ID || u64 time || signature)`
// over "cosignature/v1\ntime <time>\n" || the checkpoint body: "as of <time>, this is the largest
// consistent tree I have seen for this log". The message does not name the witness, so one key
// must never serve two witness names.
import { ed25519 } from '@noble/curves/ed25519';
import { verifyEd25519 } from './ed25519-verify';
import { encodeUtf8Strict } from '../encoding/utf8';
import { isTreeSize } from './bits';
import { concatBytes, readUint32BE, writeUint32BE } from './bytes';
import { parseCheckpoint, type Checkpoint } from './checkpoint';
import { verifyConsistency } from './consistency';
import type { LogHash } from './hash';
import {
  checkSigner,
  formatSignatureLine,
  noteTextBytes,
  parseNote,
  parseSignatureLine,
} from './note';
import {
  formatKeyId,
  formatTypedVerifierKey,
  parseTypedVerifierKey,
  typedKeyId,
  type NoteSigner,
  type NoteVerifierKey,
  type ParsedVerifierKey,
} from './note-key';
import { verifyNote } from './note-verify';
import type { Proof } from './proof-chain';
import { fail, type AuditResult } from './result';

/** Signature type byte of Ed25519 cosignature/v1 keys. */
export const COSIGNATURE_V1_ALGORITHM = 0x04;

const HEADER = 'cosignature/v1\n';

/** key ID = first 4 bytes of SHA-256(name || "\n" || 0x04 || public key). */
export function cosignatureKeyId(name: string, publicKey: Uint8Array): number {
  return typedKeyId(name, publicKey, COSIGNATURE_V1_ALGORITHM);
}

/** `<name>+<hex key id>+<base64(0x04 || public key)>`, the witness key a log or client pins. */
export function formatCosignatureVerifierKey(key: NoteVerifierKey): string {
  return formatTypedVerifierKey(key, COSIGNATURE_V1_ALGORITHM);
}

/** Parses a witness verifier key; a note key (type 0x01) or any other type is refused. */
export function parseCosignatureVerifierKey(vkey: string): AuditResult<{ key: ParsedVerifierKey }> {
  return parseTypedVerifierKey(vkey, COSIGNATURE_V1_ALGORITHM);
}

/** The signed message: "cosignature/v1\ntime <time>\n" followed by the checkpoint body. */
export function cosignatureMessage(checkpointBody: string, time: number): Uint8Array {
  if (!isTreeSize(time)) {
    throw new RangeError(`cosignature time ${time} is not whole non-negative seconds`);
  }
  const body = noteTextBytes(checkpointBody);
  return concatBytes(encodeUtf8Strict(`${HEADER}time ${time}\n`)!, body);
}

/**
 * The witness's cosignature line over `checkpointBody` (the note text without its signatures) at
 * `time` (unix seconds). Check the checkpoint first: witnessCheckpoint does, then calls this.
 */
export function cosignCheckpoint(signer: NoteSigner, checkpointBody: string, time: number): string {
  checkSigner(signer);
  const message = cosignatureMessage(checkpointBody, time);
  const raw = new Uint8Array(4 + 8 + 64);
  writeUint32BE(cosignatureKeyId(signer.name, ed25519.getPublicKey(signer.secretKey)), raw, 0);
  writeUint32BE(Math.floor(time / 2 ** 32), raw, 4);
  writeUint32BE(time >>> 0, raw, 8);
  raw.set(ed25519.sign(message, signer.secretKey), 12);
  return formatSignatureLine(signer.name, raw);
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
  const parsed = parseSignatureLine(line.endsWith('\n') ? line.slice(0, -1) : line);
  if (parsed === undefined) {
    return fail('malformed-note', 'a cosignature is one line "— <name> <base64>"');
  }
  // After the key ID: an 8-byte timestamp and the 64-byte Ed25519 signature.
  const { name, keyId, signature: rest } = parsed;
  if (rest.length !== 8 + 64) {
    return fail(
      'malformed-note',
      'a cosignature/v1 signature is 76 bytes: key ID, timestamp, Ed25519 signature',
    );
  }
  const high = readUint32BE(rest, 0);
  if (high >= 2 ** 21) {
    return fail('malformed-note', 'the cosignature timestamp is beyond 2^53 - 1 seconds');
  }
  const time = high * 2 ** 32 + readUint32BE(rest, 4);
  return { ok: true, cosignature: { name, keyId, time, signature: rest.slice(8) } };
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
    // A checkpoint smaller than the last one seen fails here too ('size-order').
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
