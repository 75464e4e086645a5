// The witness's own file: its secret key, the log it watches (origin and the checkpoint keys it
// pinned on first contact), and what it last cosigned. The console reads it from the user's disk
// and hands it back to be saved after each cosignature; none of it is sent to the server (only
// the public verifier key, once, to register, and each cosignature line).
import {
  decodeBase64,
  encodeBase64,
  formatCosignatureVerifierKey,
  publicKeyFromSecret,
  type WitnessedTreeHead,
} from '@tanlian/sdk';

export const WITNESS_FILE_FORMAT = 'tanlian-witness/1';

export interface WitnessFile {
  format: typeof WITNESS_FILE_FORMAT;
  /** The witness name, as registered with the log (e.g. bureau.shenzhen). */
  name: string;
  /** Base64 of the 32-byte Ed25519 seed. */
  secretKey: string;
  /** The log's origin and checkpoint keys, pinned when the witness first saw it. */
  log: { origin: string; hash: string; keys: string[] } | null;
  /** The last checkpoint cosigned: null before the first. */
  last: { size: number; rootHash: string } | null;
}

/** Parses a witness file, naming what is wrong with it. */
export function parseWitnessFile(text: string): WitnessFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error('the witness file is not JSON');
  }
  const f = value as Partial<WitnessFile>;
  if (f?.format !== WITNESS_FILE_FORMAT) throw new Error(`format: must be ${WITNESS_FILE_FORMAT}`);
  if (typeof f.name !== 'string' || f.name === '')
    throw new Error('name: must be the witness name');
  if (typeof f.secretKey !== 'string' || decodeBase64(f.secretKey)?.length !== 32)
    throw new Error('secretKey: must be base64 of 32 bytes');
  if (f.last !== null && f.last !== undefined) {
    if (!Number.isSafeInteger(f.last.size) || f.last.size < 0)
      throw new Error('last.size: must be a whole number');
    if (typeof f.last.rootHash !== 'string' || !decodeBase64(f.last.rootHash))
      throw new Error('last.rootHash: must be base64');
  }
  return {
    format: WITNESS_FILE_FORMAT,
    name: f.name,
    secretKey: f.secretKey,
    log: f.log ?? null,
    last: f.last ?? null,
  };
}

export function serializeWitnessFile(file: WitnessFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** A new witness: a fresh key from the browser's random source, nothing seen yet. */
export function newWitnessFile(name: string, seed: Uint8Array = randomSeed()): WitnessFile {
  return {
    format: WITNESS_FILE_FORMAT,
    name,
    secretKey: encodeBase64(seed),
    log: null,
    last: null,
  };
}

function randomSeed(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(32));
}

export function secretKeyOf(file: WitnessFile): Uint8Array {
  return decodeBase64(file.secretKey)!;
}

/** The verifier key the log registers for this witness (public). */
export function witnessVerifierKey(file: WitnessFile): string {
  return formatCosignatureVerifierKey({
    name: file.name,
    publicKey: publicKeyFromSecret(secretKeyOf(file)),
  });
}

export function lastTreeHead(file: WitnessFile): WitnessedTreeHead | null {
  return file.last ? { size: file.last.size, rootHash: decodeBase64(file.last.rootHash)! } : null;
}
