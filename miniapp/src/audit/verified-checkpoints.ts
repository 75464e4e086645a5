// Checkpoints this app has verified, by their note's bytes and the trust they verified under, so
// a page's checkpoint is checked once (trusted chain, Ed25519 signature, origin) and each record
// after that costs only its inclusion proof. Only successes are kept: a note that failed is
// checked afresh every time. Pure (the sdk only), so the bench runs exactly this code.
import {
  parseNote,
  verifyCosignature,
  verifyInCheckpoint,
  verifyPageCheckpoint,
  type ReceiptResult,
  type TileSource,
  type VerifiedCheckpoint,
  type VerifiedCheckpointResult,
} from '@tanlian/sdk/audit';
import type { LogTrust } from './trust';

export type CheckTrust = Pick<LogTrust, 'hash' | 'hashName' | 'origin' | 'keys' | 'announcements'>;

export interface Cosigner {
  name: string;
  /** When the witness signed (ISO 8601). */
  at: string;
}

/** A page holds one checkpoint; a few are kept for the pages and the offline cache. */
const MAX_KEPT = 8;
const verified = new Map<string, VerifiedCheckpoint>();
const cosigned = new Map<string, Cosigner[]>();

/** The checkpoint's verification under `trust`, from the cache when this note verified before. */
export function verifiedCheckpoint(trust: CheckTrust, note: string): VerifiedCheckpointResult {
  const key = `${trustIdentity(trust)}\n\n${note}`;
  const kept = verified.get(key);
  if (kept !== undefined) return { ok: true, verified: kept };
  const checked = verifyPageCheckpoint({
    hash: trust.hash,
    trustedKeys: trust.keys,
    origin: trust.origin,
    keyAnnouncements: trust.announcements,
    checkpointNote: note,
  });
  if (checked.ok) keep(verified, key, checked.verified);
  return checked;
}

/** The note's witness cosignatures that verify against the log's listed witnesses (once per note). */
export function cosignersOf(note: string, trust: Pick<LogTrust, 'witnesses'>): Cosigner[] {
  const key = `${trust.witnesses.map((w) => `${w.name}+${hex(w.key.publicKey)}`).join(',')}\n\n${note}`;
  const kept = cosigned.get(key);
  if (kept !== undefined) return kept;
  const parsed = parseNote(note);
  if (!parsed.ok) return [];
  const out: Cosigner[] = [];
  for (const line of parsed.signatures) {
    const witness = trust.witnesses.find((w) => w.name === line.name);
    if (witness === undefined) continue;
    const checked = verifyCosignature(witness.key, parsed.body, line.line);
    if (checked.ok)
      out.push({ name: witness.name, at: new Date(checked.time * 1000).toISOString() });
  }
  keep(cosigned, key, out);
  return out;
}

function keep<T>(map: Map<string, T>, key: string, value: T): void {
  if (map.size >= MAX_KEPT) map.delete(map.keys().next().value as string);
  map.set(key, value);
}

/** One record: its checkpoint (once per note), then its inclusion proof from the tiles. */
export async function proveRecord(
  trust: CheckTrust,
  note: string,
  receipt: { leafIndex: number; leafHash: Uint8Array },
  tiles: TileSource,
): Promise<ReceiptResult> {
  const checked = verifiedCheckpoint(trust, note);
  if (!checked.ok) return checked;
  return verifyInCheckpoint(checked.verified, {
    hash: trust.hash,
    leafHash: receipt.leafHash,
    leafIndex: receipt.leafIndex,
    tiles,
  });
}

/** Everything the verdict depends on: the hash, the origin, every root key, every announcement. */
function trustIdentity(trust: CheckTrust): string {
  const keys = trust.keys.map((k) => `${k.name}+${k.keyId}+${hex(k.publicKey)}`).join(',');
  const announced = trust.announcements
    .map(
      (a) =>
        `${a.leafIndex}:${hex(a.leafData)}:${a.inclusionProof.map(hex).join('.')}:${a.checkpointNote}`,
    )
    .join('|');
  return `${trust.hashName}|${trust.origin ?? ''}|${keys}|${announced}`;
}

function hex(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += (x < 16 ? '0' : '') + x.toString(16);
  return s;
}

/** For tests: forget every verified checkpoint. */
export function forgetVerifiedCheckpoints(): void {
  verified.clear();
  cosigned.clear();
}
