// Reference in-memory Merkle tree, used to produce proofs in tests and tools. It caches the hash of
// every complete (perfect) subtree, so the root, inclusion and consistency proofs of *any* prefix
// of the log cost O(log² n) hashes, after an O(n) build.
import { HashColumn } from './hash-column';
import { LOG_HASH_SIZE, type LogHash } from './hash';
import { bitLength, isPowerOfTwo, isTreeSize, splitPoint } from './bits';
import { emptyRoot, leafHash, nodeHash } from './tree-hash';

export class MerkleTree {
  /** levels[l][i] = hash of the perfect subtree over leaves [i·2^l, (i+1)·2^l). */
  private readonly levels: HashColumn[] = [new HashColumn()];

  constructor(private readonly hash: LogHash) {}

  get size(): number {
    return this.levels[0].length;
  }

  /** Appends a leaf by its data (hashed as an RFC 9162 leaf). */
  appendData(data: Uint8Array): void {
    this.appendLeafHash(leafHash(this.hash, data));
  }

  appendLeafHash(hash: Uint8Array): void {
    if (hash.length !== LOG_HASH_SIZE) {
      throw new RangeError(`leaf hash must be ${LOG_HASH_SIZE} bytes, got ${hash.length}`);
    }
    this.levels[0].push(hash);
    // Each completed pair of siblings completes their parent, possibly cascading upwards.
    for (let level = 0; this.levels[level].length % 2 === 0; level++) {
      const column = this.levels[level];
      const n = column.length;
      const parent = nodeHash(this.hash, column.get(n - 2), column.get(n - 1));
      if (this.levels.length === level + 1) this.levels.push(new HashColumn());
      this.levels[level + 1].push(parent);
    }
  }

  leafHashAt(index: number): Uint8Array {
    this.checkRange('index', index, 0, this.size - 1);
    return this.levels[0].get(index);
  }

  /** MTH of the first `size` leaves. */
  root(size: number = this.size): Uint8Array {
    this.checkRange('size', size, 0, this.size);
    return size === 0 ? emptyRoot(this.hash) : this.rangeHash(0, size);
  }

  /** PATH(index, D[size]) of RFC 9162 §2.1.3.1, ordered from the leaf upwards. */
  inclusionProof(index: number, size: number = this.size): Uint8Array[] {
    this.checkRange('size', size, 1, this.size);
    this.checkRange('index', index, 0, size - 1);
    return this.path(index, 0, size);
  }

  /** PROOF(size1, D[size2]) of RFC 9162 §2.1.4.1; requires 0 < size1 <= size2. */
  consistencyProof(size1: number, size2: number = this.size): Uint8Array[] {
    this.checkRange('size2', size2, 1, this.size);
    this.checkRange('size1', size1, 1, size2);
    return this.subproof(size1, 0, size2, true);
  }

  /**
   * MTH(D[start:end]). Every range the RFC recursion produces starts at a multiple of a power of
   * two at least as large as the range, so perfect ranges are always cached nodes.
   */
  private rangeHash(start: number, end: number): Uint8Array {
    const n = end - start;
    if (isPowerOfTwo(n)) {
      const level = bitLength(n) - 1;
      return this.levels[level].get(start / n);
    }
    const k = splitPoint(n);
    return nodeHash(this.hash, this.rangeHash(start, start + k), this.rangeHash(start + k, end));
  }

  private path(m: number, start: number, end: number): Uint8Array[] {
    const n = end - start;
    if (n === 1) return [];
    const k = splitPoint(n);
    if (m < k) return [...this.path(m, start, start + k), this.rangeHash(start + k, end)];
    return [...this.path(m - k, start + k, end), this.rangeHash(start, start + k)];
  }

  private subproof(m: number, start: number, end: number, complete: boolean): Uint8Array[] {
    const n = end - start;
    if (m === n) return complete ? [] : [this.rangeHash(start, end)];
    const k = splitPoint(n);
    if (m <= k) {
      return [...this.subproof(m, start, start + k, complete), this.rangeHash(start + k, end)];
    }
    return [...this.subproof(m - k, start + k, end, false), this.rangeHash(start, start + k)];
  }

  private checkRange(what: string, value: number, min: number, max: number): void {
    if (!isTreeSize(value) || value < min || value > max) {
      throw new RangeError(`${what} ${value} is outside [${min}, ${max}]`);
    }
  }
}

function treeOf(hash: LogHash, leafHashes: readonly Uint8Array[]): MerkleTree {
  const tree = new MerkleTree(hash);
  for (const h of leafHashes) tree.appendLeafHash(h);
  return tree;
}

/** Root of the tree whose leaves have the given leaf hashes; O(n). */
export function rootFromLeafHashes(hash: LogHash, leafHashes: readonly Uint8Array[]): Uint8Array {
  return treeOf(hash, leafHashes).root();
}

/** Inclusion proof of leaf `index` in the tree of all `leafHashes`. */
export function inclusionProof(
  hash: LogHash,
  index: number,
  leafHashes: readonly Uint8Array[],
): Uint8Array[] {
  return treeOf(hash, leafHashes).inclusionProof(index);
}

/** Consistency proof from the first `size1` leaves to the tree of all `leafHashes`. */
export function consistencyProof(
  hash: LogHash,
  size1: number,
  leafHashes: readonly Uint8Array[],
): Uint8Array[] {
  return treeOf(hash, leafHashes).consistencyProof(size1);
}
