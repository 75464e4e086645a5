// Checkpoints as they arrive, against the last one this phone verified (fork-state.ts). A new one is accepted only when its
// signature verifies and it is consistent with the cached one (RFC 9162 consistency proof from
// the log); otherwise the log has forked, and the fork is kept, so that the warning stays until
// the resident has seen it. Offline, verification uses the cached checkpoint.
import {
  encodeBase64,
  verifyConsistency,
  type Checkpoint,
  type NoteSignerId,
} from '@tanlian/sdk/audit';
import { call } from '../services/api';
import {
  cacheCheckpoint,
  cachedCheckpoint,
  recordFork,
  type CachedCheckpoint,
  type Fork,
} from './fork-state';
import { bytes, type LogTrust } from './trust';
import { verifiedCheckpoint } from './verified-checkpoints';

export type CheckpointStep = 'keys' | 'signature' | 'checkpoint' | 'consistency';

export type CheckpointResult =
  | { ok: true; checkpoint: Checkpoint; signers: NoteSignerId[]; note: string }
  | { ok: false; step: CheckpointStep; reason: string; fork?: Fork };

/** The note's signature against the trust, without the consistency step (once per note). */
export function checkSignature(note: string, trust: LogTrust): CheckpointResult {
  const checked = verifiedCheckpoint(trust, note);
  if (!checked.ok)
    return {
      ok: false,
      step: checked.step === 'keys' || checked.step === 'signature' ? checked.step : 'checkpoint',
      reason: checked.reason,
    };
  return {
    ok: true,
    checkpoint: checked.verified.checkpoint,
    signers: checked.verified.signers,
    note,
  };
}

/**
 * Verifies `note` and checks it against the cached checkpoint; caches the larger of the two when
 * both agree. `consistencyProof` fetches the log's proof (injectable for tests).
 */
export async function acceptCheckpoint(
  note: string,
  trust: LogTrust,
  consistencyProof: (from: number, to: number) => Promise<Uint8Array[]> = fetchConsistency,
): Promise<CheckpointResult> {
  const signed = checkSignature(note, trust);
  if (!signed.ok) return signed;
  const { checkpoint } = signed;
  const cached = cachedCheckpoint();
  const offered = { note, size: checkpoint.size, rootHash: encodeBase64(checkpoint.rootHash) };
  if (cached === undefined || cached.size === 0) {
    cacheCheckpoint(offered);
    return signed;
  }
  const problem = await inconsistency(trust, cached, offered, consistencyProof);
  if (problem !== undefined) {
    const fork: Fork = { cached, offered: note, reason: problem, seenAt: new Date().toISOString() };
    recordFork(fork);
    return { ok: false, step: 'consistency', reason: problem, fork };
  }
  if (offered.size > cached.size) cacheCheckpoint(offered);
  return signed;
}

async function inconsistency(
  trust: LogTrust,
  cached: CachedCheckpoint,
  offered: CachedCheckpoint,
  consistencyProof: (from: number, to: number) => Promise<Uint8Array[]>,
): Promise<string | undefined> {
  if (offered.size === cached.size) {
    return offered.rootHash === cached.rootHash
      ? undefined
      : `two checkpoints of ${offered.size} entries with different roots`;
  }
  const [older, newer] = offered.size < cached.size ? [offered, cached] : [cached, offered];
  const proof = await consistencyProof(older.size, newer.size);
  const consistent = verifyConsistency(
    trust.hash,
    older.size,
    newer.size,
    proof,
    bytes(older.rootHash),
    bytes(newer.rootHash),
  );
  return consistent.ok
    ? undefined
    : `the checkpoint of ${newer.size} entries does not extend the one of ${older.size}: ${consistent.reason}`;
}

async function fetchConsistency(from: number, to: number): Promise<Uint8Array[]> {
  const answer = await call('get', '/v1/programs/{program}/audit/proof/consistency', {
    anonymous: true,
    query: { from, to },
  });
  return answer.proof.map(bytes);
}
