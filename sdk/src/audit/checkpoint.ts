// Log checkpoints (C2SP tlog-checkpoint): the note text `<origin>\n<size>\n<base64 root>\n`
// followed by optional, non-empty extension lines. Signing is done by note.ts.
import { decodeBase64, encodeBase64 } from '../encoding/base64';
import { LOG_HASH_SIZE } from './hash';
import { isTreeSize } from './bits';
import { isValidNoteText } from './note-text';
import { fail, type AuditResult } from './result';

export interface Checkpoint {
  /** Unique identity of the log, e.g. `tanlian.example/shenzhen`. */
  readonly origin: string;
  readonly size: number;
  readonly rootHash: Uint8Array;
  readonly extensions: readonly string[];
}

export type CheckpointInput = Omit<Checkpoint, 'extensions'> & {
  readonly extensions?: readonly string[];
};

/** Returns the checkpoint's note text (to be signed with signNote). */
export function formatCheckpoint(checkpoint: CheckpointInput): string {
  const { origin, size, rootHash, extensions = [] } = checkpoint;
  for (const line of [origin, ...extensions]) {
    if (line === '' || line.includes('\n') || !isValidNoteText(line)) {
      throw new RangeError(
        `checkpoint lines must be non-empty single lines: ${JSON.stringify(line)}`,
      );
    }
  }
  if (!isTreeSize(size))
    throw new RangeError(`tree size ${size} is not a safe non-negative integer`);
  if (rootHash.length !== LOG_HASH_SIZE)
    throw new RangeError(`root hash must be ${LOG_HASH_SIZE} bytes`);
  return [origin, String(size), encodeBase64(rootHash), ...extensions]
    .map((l) => `${l}\n`)
    .join('');
}

/** Parses checkpoint note text (the body returned by verifyNote). */
export function parseCheckpoint(text: string): AuditResult<{ checkpoint: Checkpoint }> {
  if (!text.endsWith('\n')) return fail('malformed-checkpoint', 'checkpoint must end in a newline');
  const [origin, sizeText, rootText, ...extensions] = text.slice(0, -1).split('\n');
  if (rootText === undefined)
    return fail('malformed-checkpoint', 'checkpoint needs at least 3 lines');
  if (origin === '') return fail('malformed-checkpoint', 'checkpoint origin is empty');
  // Decimal without leading zeroes; larger than 2^53 - 1 is refused rather than rounded.
  const size = Number(sizeText);
  if (!/^(0|[1-9][0-9]*)$/.test(sizeText) || !isTreeSize(size)) {
    return fail(
      'malformed-checkpoint',
      `checkpoint tree size ${JSON.stringify(sizeText)} is invalid`,
    );
  }
  const rootHash = decodeBase64(rootText);
  if (rootHash === undefined || rootHash.length !== LOG_HASH_SIZE) {
    return fail(
      'malformed-checkpoint',
      `checkpoint root hash is not ${LOG_HASH_SIZE} bytes of base64`,
    );
  }
  if (extensions.some((line) => line === '')) {
    return fail('malformed-checkpoint', 'checkpoint extension lines must be non-empty');
  }
  return { ok: true, checkpoint: { origin, size, rootHash, extensions } };
}
