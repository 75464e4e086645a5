// A resident's receipt: proof that their ledger entry is leaf `leafIndex` of the program's log, as
// of a checkpoint signed by the log (and possibly cosigned by the bureau as witness). Verified on
// the phone against keys pinned in the app, so a compromised API server cannot forge it.
import { parseCheckpoint, type Checkpoint } from './checkpoint';
import type { LogHash } from './hash';
import { verifyInclusion } from './inclusion';
import type { NoteVerifierKey } from './note-key';
import { verifyNote, type NoteSignerId } from './note-verify';
import { leafHash as hashLeaf } from './tree-hash';
import { fail, type AuditFailure } from './result';

export type ReceiptLeaf =
  | { readonly leafData: Uint8Array; readonly leafHash?: undefined }
  | { readonly leafHash: Uint8Array; readonly leafData?: undefined };

export type ReceiptInput = ReceiptLeaf & {
  readonly hash: LogHash;
  readonly leafIndex: number;
  readonly inclusionProof: readonly Uint8Array[];
  /** The signed checkpoint note the proof refers to. */
  readonly checkpointNote: string;
  /** Pinned log (and witness) keys; at least one must have signed the checkpoint. */
  readonly trustedKeys: readonly NoteVerifierKey[];
  /**
   * The log the receipt must belong to. Recommended: without it, a checkpoint of another log
   * signed by the same key would be accepted.
   */
  readonly origin?: string;
};

/** The verification step that failed, in the order they run. */
export type ReceiptStep = 'input' | 'signature' | 'checkpoint' | 'inclusion';

export type ReceiptResult =
  | {
      readonly ok: true;
      readonly checkpoint: Checkpoint;
      readonly signers: NoteSignerId[];
      readonly leafHash: Uint8Array;
    }
  | (AuditFailure & { readonly step: ReceiptStep });

export function verifyReceipt(input: ReceiptInput): ReceiptResult {
  const { hash, leafData, leafIndex, inclusionProof, checkpointNote, trustedKeys, origin } = input;
  if ((leafData === undefined) === (input.leafHash === undefined)) {
    return {
      ...fail('invalid-argument', 'give exactly one of leafData and leafHash'),
      step: 'input',
    };
  }
  const leafHash =
    leafData !== undefined ? hashLeaf(hash, leafData) : (input.leafHash as Uint8Array);

  const note = verifyNote(checkpointNote, trustedKeys);
  if (!note.ok) return { ...note, step: 'signature' };

  const parsed = parseCheckpoint(note.body);
  if (!parsed.ok) return { ...parsed, step: 'checkpoint' };
  const { checkpoint } = parsed;
  if (origin !== undefined && checkpoint.origin !== origin) {
    return {
      ...fail(
        'origin-mismatch',
        `checkpoint is for log ${JSON.stringify(checkpoint.origin)}, not ${JSON.stringify(origin)}`,
      ),
      step: 'checkpoint',
    };
  }

  const included = verifyInclusion(
    hash,
    leafIndex,
    checkpoint.size,
    leafHash,
    inclusionProof,
    checkpoint.rootHash,
  );
  if (!included.ok) return { ...included, step: 'inclusion' };
  return { ok: true, checkpoint, signers: note.signers, leafHash };
}
