// A receipt on the resident's account page: the record's leaf index and hash, checked against the
// page's one signed checkpoint with an inclusion proof the phone computes from the log's tiles
// (no proof is served per record). The checkpoint is trusted exactly as verifyReceipt trusts it.
// Split in two steps so a page's checkpoint is verified once (the Ed25519 signature and the key
// announcements cost far more than a proof) and each record is then only proven in it.
import type { Checkpoint } from './checkpoint';
import type { LogHash } from './hash';
import type { NoteSignerId } from './note-verify';
import {
  receiptLeafHash,
  signedCheckpoint,
  signersInRange,
  trustedChain,
  type ReceiptLeaf,
  type ReceiptResult,
  type ReceiptStep,
  type ReceiptTrust,
} from './receipt';
import type { AuditFailure } from './result';
import type { SigningKeyChain } from './signing-key-chain';
import { verifyInclusionFromTiles, type TileSource } from './tiles/tile-proofs';

export type PageReceiptInput = ReceiptLeaf &
  ReceiptTrust & {
    readonly leafIndex: number;
    /** The page's signed checkpoint note (the same for every record of the page). */
    readonly checkpointNote: string;
    /** The log's hash tiles; asked only for tiles at the size of the checkpoint once it verifies. */
    readonly tiles: TileSource;
  };

/** A checkpoint whose signature verified against a trust: what proving records in it needs. */
export interface VerifiedCheckpoint {
  readonly checkpoint: Checkpoint;
  readonly signers: NoteSignerId[];
  readonly chain: SigningKeyChain;
}

export type VerifiedCheckpointResult =
  | { readonly ok: true; readonly verified: VerifiedCheckpoint }
  | (AuditFailure & { readonly step: ReceiptStep });

/** The note's signature against the pinned (and announced) keys, and its origin. */
export function verifyPageCheckpoint(
  input: ReceiptTrust & { readonly checkpointNote: string },
): VerifiedCheckpointResult {
  const chain = trustedChain(input);
  if (!chain.ok) return chain;
  const signed = signedCheckpoint(chain.chain, input.checkpointNote, input.origin);
  if (!signed.ok) return signed;
  return {
    ok: true,
    verified: { checkpoint: signed.checkpoint, signers: signed.signers, chain: chain.chain },
  };
}

/**
 * That the leaf is leaf `leafIndex` of a verified checkpoint's tree, from tiles, and that the
 * checkpoint's signers may sign a tree of its size. A tile of the wrong length fails `inclusion`;
 * a source that rejects (a failed download) rejects.
 */
export async function verifyInCheckpoint(
  verified: VerifiedCheckpoint,
  input: ReceiptLeaf & {
    readonly hash: LogHash;
    readonly leafIndex: number;
    readonly tiles: TileSource;
  },
): Promise<ReceiptResult> {
  const leaf = receiptLeafHash(input);
  if (!leaf.ok) return leaf;
  const { checkpoint, signers } = verified;
  const included = await verifyInclusionFromTiles(
    input.hash,
    input.leafIndex,
    checkpoint.size,
    leaf.leafHash,
    checkpoint.rootHash,
    input.tiles,
  );
  if (!included.ok) return { ...included, step: 'inclusion' };
  const inRange = signersInRange(verified.chain, verified);
  if (!inRange.ok) return inRange;
  return { ok: true, checkpoint, signers, leafHash: leaf.leafHash };
}

/**
 * Checks a page receipt: the checkpoint's signature against the pinned (and announced) keys, then
 * that the leaf is leaf `leafIndex` of the signed tree, from tiles. Fails naming the step, as
 * verifyReceipt does.
 */
export async function verifyPageReceipt(input: PageReceiptInput): Promise<ReceiptResult> {
  const leaf = receiptLeafHash(input);
  if (!leaf.ok) return leaf;
  const checked = verifyPageCheckpoint(input);
  if (!checked.ok) return checked;
  return verifyInCheckpoint(checked.verified, input);
}
