// The right frontier of a Merkle tree being rebuilt leaf by leaf: the roots of its complete
// subtrees, largest first. O(log n) hashes give the RFC 9162 root of the leaves so far, so the
// verifier can check every checkpoint without keeping the leaves.
import type { LogHash } from '../audit/hash';
import { emptyRoot, nodeHash } from '../audit/tree-hash';

export class TreeFrontier {
  private constructor(
    private readonly hash: LogHash,
    /** One per set bit of `count`, largest first: 2^k leaves under the one for bit k. */
    private readonly subtrees: Uint8Array[],
    private count: number,
  ) {}

  static empty(hash: LogHash): TreeFrontier {
    return new TreeFrontier(hash, [], 0);
  }

  get size(): number {
    return this.count;
  }

  append(leafHash: Uint8Array): void {
    let hash = leafHash;
    // Two equal complete subtrees side by side merge into their parent, once per trailing 1 bit
    // of the count (the carries of count + 1).
    for (let n = this.count; n % 2 === 1; n = (n - 1) / 2) {
      hash = nodeHash(this.hash, this.subtrees.pop() as Uint8Array, hash);
    }
    this.subtrees.push(hash);
    this.count++;
  }

  /** The root of the leaves appended so far: the subtrees folded from the right. */
  root(): Uint8Array {
    if (this.subtrees.length === 0) return emptyRoot(this.hash);
    let root = this.subtrees[this.subtrees.length - 1];
    for (let i = this.subtrees.length - 2; i >= 0; i--) {
      root = nodeHash(this.hash, this.subtrees[i], root);
    }
    return root;
  }

  clone(): TreeFrontier {
    return new TreeFrontier(this.hash, [...this.subtrees], this.count);
  }
}
