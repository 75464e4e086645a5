// The hash a program's audit log uses, chosen once at program creation (docs/domain.md: SHA-256 or
// SM3).
import { sha256, sha256Node } from './sha256';
import { sm3, sm3Node } from './sm3';

export type LogHashName = 'sha256' | 'sm3';

export interface LogHash {
  readonly name: LogHashName;
  /** Returns the 32-byte digest of `data`. */
  digest(data: Uint8Array): Uint8Array;
  /**
   * digest(0x01 ‖ left ‖ right) of two 32-byte hashes (an RFC 9162 interior node), faster; when a
   * hash lacks it, tree-hash.ts builds the input and calls digest.
   */
  readonly node?: (left: Uint8Array, right: Uint8Array) => Uint8Array;
}

/** Both supported hashes produce 32 bytes; proofs and checkpoints rely on that size. */
export const LOG_HASH_SIZE = 32;

export const sha256LogHash: LogHash = Object.freeze({
  name: 'sha256' as const,
  digest: (data: Uint8Array) => sha256(data),
  node: sha256Node,
});

export const sm3LogHash: LogHash = Object.freeze({
  name: 'sm3' as const,
  digest: sm3,
  node: sm3Node,
});

/** Looks a hash up by the name stored in a program's configuration. */
export function logHashByName(name: string): LogHash | undefined {
  if (name === 'sha256') return sha256LogHash;
  if (name === 'sm3') return sm3LogHash;
  return undefined;
}
