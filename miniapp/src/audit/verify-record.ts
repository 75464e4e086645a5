// 验证 on one record: the page's checkpoint (or, offline, the cached one) checked against the
// trusted keys and the cached checkpoint — once per checkpoint (verified-checkpoints.ts) — then
// the record's leaf proven in it from the log's tiles, naming the step that failed.
import type { TileSource } from '@tanlian/sdk/audit';
import { acceptCheckpoint } from './checkpoint-cache';
import { cachedCheckpoint, type Fork } from './fork-state';
import { bytes, type LogTrust } from './trust';
import { cosignersOf, proveRecord } from './verified-checkpoints';

export type VerifyStep =
  'input' | 'keys' | 'signature' | 'checkpoint' | 'inclusion' | 'consistency';

export interface RecordReceipt {
  readonly leafIndex: number;
  /** base64 RFC 9162 leaf hash. */
  readonly leafHash: string;
}

export type RecordVerification =
  | {
      ok: true;
      treeSize: number;
      leafIndex: number;
      signers: string[];
      /** Witnesses whose cosignature verifies, with the time they signed (ISO 8601). */
      cosigners: { name: string; at: string }[];
      /** The checkpoint's time: the latest cosignature's, when there is one. */
      time: string | null;
      offline: boolean;
      root: LogTrust['root'];
    }
  | { ok: false; step: VerifyStep; reason: string; fork?: Fork };

export interface VerifyRecordInput {
  receipt: RecordReceipt;
  /** The account page's checkpoint note; null when the page came from nowhere (offline). */
  checkpointNote: string | null;
  trust: LogTrust;
  tiles: TileSource;
  /** Offline: check against the cached checkpoint (no consistency step possible). */
  offline?: boolean;
  consistencyProof?: (from: number, to: number) => Promise<Uint8Array[]>;
}

export async function verifyRecord(input: VerifyRecordInput): Promise<RecordVerification> {
  const { trust } = input;
  let note = input.checkpointNote;
  const offline = input.offline === true || note === null;
  if (offline) {
    note = cachedCheckpoint()?.note ?? null;
    if (note === null)
      return {
        ok: false,
        step: 'checkpoint',
        reason: 'no checkpoint cached yet: connect once to verify',
      };
  } else {
    const accepted = await acceptCheckpoint(note as string, trust, input.consistencyProof);
    if (!accepted.ok)
      return { ok: false, step: accepted.step, reason: accepted.reason, fork: accepted.fork };
  }
  let leafHash: Uint8Array;
  try {
    leafHash = bytes(input.receipt.leafHash);
  } catch (err) {
    return { ok: false, step: 'input', reason: (err as Error).message };
  }
  let result;
  try {
    result = await proveRecord(
      trust,
      note as string,
      { leafIndex: input.receipt.leafIndex, leafHash },
      input.tiles,
    );
  } catch (err) {
    return {
      ok: false,
      step: 'inclusion',
      reason: `the log's tiles could not be read: ${(err as Error).message}`,
    };
  }
  if (!result.ok) return { ok: false, step: result.step, reason: result.reason };
  const cosigners = cosignersOf(note as string, trust);
  const latest = cosigners.reduce<string | null>(
    (t, c) => (t === null || c.at > t ? c.at : t),
    null,
  );
  return {
    ok: true,
    treeSize: result.checkpoint.size,
    leafIndex: input.receipt.leafIndex,
    signers: result.signers.map((s) => s.name),
    cosigners,
    time: latest,
    offline,
    root: trust.root,
  };
}
