// The hash a program's audit log uses, chosen once at program creation (docs/domain.md: SHA-256 or
// SM3).
import { sha256 } from './sha256';
import { sm3 } from './sm3';

export type LogHashName = 'sha256' | 'sm3';

export interface LogHash {
  readonly name: LogHashName;
  /** Returns the 32-byte digest of `data`. */
  digest(data: Uint8Array): Uint8Array;
}

/** Both supported hashes produce 32 bytes; proofs and checkpoints rely on that size. */
export const LOG_HASH_SIZE = 32;

export const sha256LogHash: LogHash = Object.freeze({
  name: 'sha256' as const,
  digest: (data: Uint8Array) => sha256(data),
});

export const sm3LogHash: LogHash = Object.freeze({ name: 'sm3' as const, digest: sm3 });

/** Looks a hash up by the name stored in a program's configuration. */
export function logHashByName(name: string): LogHash | undefined {
  if (name === 'sha256') return sha256LogHash;
  if (name === 'sm3') return sm3LogHash;
  return undefined;
}
