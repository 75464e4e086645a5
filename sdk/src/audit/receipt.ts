// A resident's receipt: proof that their ledger entry is leaf `leafIndex` of the program's log, as
// of a checkpoint signed by the log (and possibly cosigned by the bureau as witness). Verified on
// the phone against keys pinned in the app, so a compromised API server cannot forge it.
import { parseCheckpoint, type Checkpoint } from './checkpoint';
import type { LogHash } from './hash';
import { verifyInclusion } from './inclusion';
import type { NoteVerifierKey } from './note-key';
import { verifyNote, type NoteSignerId } from './note-verify';
import { SigningKeyChain } from './signing-key-chain';
import { leafHash as hashLeaf } from './tree-hash';
import { fail, type AuditFailure, type AuditResult } from './result';
import { decodeUtf8 } from '../encoding/utf8';

/**
 * A leaf announcing a checkpoint key (its activation or retirement), with its inclusion proof in
 * the first checkpoint that covers it (`GET …/audit/keys/announcements`). Given these, an app that
 * pinned only the log's first key keeps verifying receipts after the log rotates its key.
 */
export interface KeyAnnouncement {
  readonly leafIndex: number;
  readonly leafData: Uint8Array;
  readonly inclusionProof: readonly Uint8Array[];
  readonly checkpointNote: string;
}

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
  /** The log's key announcements, oldest first: the keys they activate are trusted in turn. */
  readonly keyAnnouncements?: readonly KeyAnnouncement[];
};

/** The verification step that failed, in the order they run. */
export type ReceiptStep = 'input' | 'keys' | 'signature' | 'checkpoint' | 'inclusion';

export type ReceiptResult =
  | {
      readonly ok: true;
      readonly checkpoint: Checkpoint;
      readonly signers: NoteSignerId[];
      readonly leafHash: Uint8Array;
    }
  | (AuditFailure & { readonly step: ReceiptStep });

export function verifyReceipt(input: ReceiptInput): ReceiptResult {
  const leaf = receiptLeafHash(input);
  if (!leaf.ok) return leaf;
  const chain = trustedChain(input);
  if (!chain.ok) return chain;
  const signed = checkSigned(
    chain.chain,
    input.hash,
    input.leafIndex,
    leaf.leafHash,
    input.inclusionProof,
    input.checkpointNote,
    input.origin,
  );
  if (!signed.ok) return signed;
  return {
    ok: true,
    checkpoint: signed.checkpoint,
    signers: signed.signers,
    leafHash: leaf.leafHash,
  };
}

type StepFailure = AuditFailure & { readonly step: ReceiptStep };

/** What a receipt's checkpoint is checked against: the pinned keys and the announced ones. */
export interface ReceiptTrust {
  readonly hash: LogHash;
  readonly trustedKeys: readonly NoteVerifierKey[];
  readonly origin?: string;
  readonly keyAnnouncements?: readonly KeyAnnouncement[];
}

/** The hash of the receipt's leaf: given, or of its data (exactly one of them). */
export function receiptLeafHash(
  input: ReceiptLeaf & { readonly hash: LogHash },
): { ok: true; leafHash: Uint8Array } | StepFailure {
  const { leafData } = input;
  if ((leafData === undefined) === (input.leafHash === undefined)) {
    return {
      ...fail('invalid-argument', 'give exactly one of leafData and leafHash'),
      step: 'input',
    };
  }
  const leafHash =
    leafData !== undefined ? hashLeaf(input.hash, leafData) : (input.leafHash as Uint8Array);
  return { ok: true, leafHash };
}

/** The pinned keys, then each announced key in turn once its announcement is proven. */
export function trustedChain(
  trust: ReceiptTrust,
): { ok: true; chain: SigningKeyChain } | StepFailure {
  const chain = new SigningKeyChain(trust.trustedKeys);
  for (const announcement of trust.keyAnnouncements ?? []) {
    const learned = learnKey(chain, trust.hash, announcement, trust.origin);
    if (!learned.ok) return { ...learned, step: 'keys' };
  }
  return { ok: true, chain };
}

/** The note verifies against the chain's keys and is a checkpoint of the log (`origin`). */
export function signedCheckpoint(
  chain: SigningKeyChain,
  checkpointNote: string,
  origin: string | undefined,
): { ok: true; checkpoint: Checkpoint; signers: NoteSignerId[] } | StepFailure {
  const note = verifyNote(checkpointNote, chain.keys());
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
  return { ok: true, checkpoint, signers: note.signers };
}

/** The checkpoint's signers may sign a tree of its size (checked once the leaf is in it). */
export function signersInRange(
  chain: SigningKeyChain,
  signed: { checkpoint: Checkpoint; signers: NoteSignerId[] },
): { ok: true } | StepFailure {
  const inRange = chain.sealed(signed.checkpoint.size, signed.signers);
  return inRange.ok ? inRange : { ...inRange, step: 'signature' };
}

/** The note verifies against the chain's keys and covers the leaf; its signer is in range. */
function checkSigned(
  chain: SigningKeyChain,
  hash: LogHash,
  leafIndex: number,
  leafHash: Uint8Array,
  inclusionProof: readonly Uint8Array[],
  checkpointNote: string,
  origin: string | undefined,
): { ok: true; checkpoint: Checkpoint; signers: NoteSignerId[] } | StepFailure {
  const signed = signedCheckpoint(chain, checkpointNote, origin);
  if (!signed.ok) return signed;
  const { checkpoint } = signed;
  const included = verifyInclusion(
    hash,
    leafIndex,
    checkpoint.size,
    leafHash,
    inclusionProof,
    checkpoint.rootHash,
  );
  if (!included.ok) return { ...included, step: 'inclusion' };
  const inRange = signersInRange(chain, signed);
  if (!inRange.ok) return inRange;
  return signed;
}

/** One announcement: proven in a checkpoint of a key trusted so far, then applied to the chain. */
function learnKey(
  chain: SigningKeyChain,
  hash: LogHash,
  a: KeyAnnouncement,
  origin: string | undefined,
): AuditResult {
  const label = `key announcement at leaf ${a.leafIndex}`;
  let body: unknown;
  try {
    // Formats 1 and 2 (docs/private-log.md) encode an organisation's leaf alike.
    const format = a.leafData[0];
    body =
      format === 1 || format === 2 ? JSON.parse(decodeUtf8(a.leafData.subarray(1))) : undefined;
  } catch {
    body = undefined;
  }
  if (typeof body !== 'object' || body === null) {
    return fail('invalid-argument', `${label} is not a leaf of this log's format`);
  }
  const observed = chain.observe(body as { type?: unknown; key?: unknown }, a.leafIndex);
  if (!observed.ok) return fail(observed.code, `${label}: ${observed.reason}`);
  const signed = checkSigned(
    chain,
    hash,
    a.leafIndex,
    hashLeaf(hash, a.leafData),
    a.inclusionProof,
    a.checkpointNote,
    origin,
  );
  if (!signed.ok) return fail(signed.code, `${label}: ${signed.reason}`);
  return { ok: true };
}
