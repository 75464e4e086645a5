// A receipt on the resident's account page: the record's leaf index and hash, checked against the
// page's one signed checkpoint with an inclusion proof the phone computes from the log's tiles
// (no proof is served per record). The checkpoint is trusted exactly as verifyReceipt trusts it.
import {
  receiptLeafHash,
  signedCheckpoint,
  signersInRange,
  trustedChain,
  type ReceiptLeaf,
  type ReceiptResult,
  type ReceiptTrust,
} from './receipt';
import { verifyInclusionFromTiles, type TileSource } from './tiles/tile-proofs';

export type PageReceiptInput = ReceiptLeaf &
  ReceiptTrust & {
    readonly leafIndex: number;
    /** The page's signed checkpoint note (the same for every record of the page). */
    readonly checkpointNote: string;
    /** The log's hash tiles; asked only for tiles at the size of the checkpoint once it verifies. */
    readonly tiles: TileSource;
  };

/**
 * Checks a page receipt: the checkpoint's signature against the pinned (and announced) keys, then
 * that the leaf is leaf `leafIndex` of the signed tree, from tiles. Fails naming the step, as
 * verifyReceipt does; a tile of the wrong length fails `inclusion` (bad-tile); a source that
 * rejects (a failed download) rejects.
 */
export async function verifyPageReceipt(input: PageReceiptInput): Promise<ReceiptResult> {
  const leaf = receiptLeafHash(input);
  if (!leaf.ok) return leaf;
  const chain = trustedChain(input);
  if (!chain.ok) return chain;
  const signed = signedCheckpoint(chain.chain, input.checkpointNote, input.origin);
  if (!signed.ok) return signed;
  const { checkpoint, signers } = signed;
  const included = await verifyInclusionFromTiles(
    input.hash,
    input.leafIndex,
    checkpoint.size,
    leaf.leafHash,
    checkpoint.rootHash,
    input.tiles,
  );
  if (!included.ok) return { ...included, step: 'inclusion' };
  const inRange = signersInRange(chain.chain, signed);
  if (!inRange.ok) return inRange;
  return { ok: true, checkpoint, signers, leafHash: leaf.leafHash };
}
