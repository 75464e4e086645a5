// Independent reference implementations on node:crypto, to cross-check the pure TypeScript code.
import { createHash, getHashes } from 'node:crypto';
import type { LogHash, LogHashName } from '../../../src/audit';

export function nodeDigest(name: LogHashName, data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash(name).update(data).digest());
}

export function nodeHasSm3(): boolean {
  return getHashes().includes('sm3');
}

export function nodeLogHash(name: LogHashName): LogHash {
  return { name, digest: (data) => nodeDigest(name, data) };
}

/** RFC 9162 §2.1.1 MTH, transcribed literally (recursive, no caching). */
export function naiveRoot(name: LogHashName, leaves: readonly Uint8Array[]): Uint8Array {
  const n = leaves.length;
  if (n === 0) return nodeDigest(name, new Uint8Array(0));
  if (n === 1) return nodeDigest(name, Buffer.concat([Buffer.of(0), leaves[0]]));
  const k = largestPowerOfTwoBelow(n);
  return naiveNode(name, naiveRoot(name, leaves.slice(0, k)), naiveRoot(name, leaves.slice(k)));
}

/** RFC 9162 §2.1.3.1 PATH(m, D[n]) over leaf *data*. */
export function naivePath(
  name: LogHashName,
  m: number,
  leaves: readonly Uint8Array[],
): Uint8Array[] {
  const n = leaves.length;
  if (n === 1) return [];
  const k = largestPowerOfTwoBelow(n);
  if (m < k) return [...naivePath(name, m, leaves.slice(0, k)), naiveRoot(name, leaves.slice(k))];
  return [...naivePath(name, m - k, leaves.slice(k)), naiveRoot(name, leaves.slice(0, k))];
}

/** RFC 9162 §2.1.4.1 PROOF(m, D[n]) = SUBPROOF(m, D[n], true). */
export function naiveConsistency(
  name: LogHashName,
  m: number,
  leaves: readonly Uint8Array[],
  complete = true,
): Uint8Array[] {
  const n = leaves.length;
  if (m === n) return complete ? [] : [naiveRoot(name, leaves)];
  const k = largestPowerOfTwoBelow(n);
  if (m <= k) {
    return [
      ...naiveConsistency(name, m, leaves.slice(0, k), complete),
      naiveRoot(name, leaves.slice(k)),
    ];
  }
  return [
    ...naiveConsistency(name, m - k, leaves.slice(k), false),
    naiveRoot(name, leaves.slice(0, k)),
  ];
}

function naiveNode(name: LogHashName, left: Uint8Array, right: Uint8Array): Uint8Array {
  return nodeDigest(name, Buffer.concat([Buffer.of(1), left, right]));
}

function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}
