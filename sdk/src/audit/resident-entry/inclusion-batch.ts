// Many inclusion proofs into one checkpoint, each node hashed once: the paths of a resident's
// leaves meet below the root. Once a proof has led to the root, a later proof that reaches one of
// its nodes with the same hash, and whose hashes above that node are the same as the earlier
// proof's, leads to the root too: the rest of the chain is the same computation. So the answer is
// exactly verifyInclusion's, and every failure is verifyInclusion's own.
import { bitAt, bitLength, trailingZeros } from '../bits';
import { equalBytes } from '../bytes';
import { LOG_HASH_SIZE, type LogHash } from '../hash';
import { verifyInclusion } from '../inclusion';
import { decompInclProof, type Proof } from '../proof-chain';
import { OK, type AuditResult } from '../result';
import { nodeHash } from '../tree-hash';

export class InclusionBatch {
  /**
   * Nodes on proofs that led to the root: the node's hash, and the proof whose hashes from `next`
   * on chain it to the root. By level, then by the first leaf the node covers: a node covers
   * [start, end) at level bitLength(end - start - 1), and no two nodes share both.
   */
  private readonly proven: Map<number, Proven>[] = [];

  constructor(
    private readonly hash: LogHash,
    private readonly size: number,
    private readonly root: Uint8Array,
  ) {
    this.level(bitLength(size - 1)).set(0, { node: root, proof: [], next: 0 });
  }

  /** verifyInclusion(hash, index, size, leafHash, proof, root), sharing the work between calls. */
  verify(index: number, leafHash: Uint8Array, proof: Proof): AuditResult {
    const { hash, size } = this;
    const shaped =
      Number.isSafeInteger(index) &&
      index >= 0 &&
      index < size &&
      leafHash.length === LOG_HASH_SIZE &&
      Number.isSafeInteger(size);
    const { inner, border } = shaped ? decompInclProof(index, size) : { inner: -1, border: -1 };
    if (!shaped || proof.length !== inner + border) return this.full(index, leafHash, proof);

    const computed: [Map<number, Proven>, number, Proven][] = [];
    let node = leafHash;
    let start = index;
    for (let i = 0; i < proof.length; i++) {
      let end = size;
      if (i < inner) {
        node =
          bitAt(index, i) === 0 ? nodeHash(hash, node, proof[i]) : nodeHash(hash, proof[i], node);
        const width = 2 ** (i + 1);
        start = Math.floor(index / width) * width;
        end = Math.min(start + width, size);
      } else {
        // Along the right border every sibling is on the left: it covers the lowest set bit of start.
        node = nodeHash(hash, proof[i], node);
        if (i === inner) start = Math.floor(index / 2 ** inner) * 2 ** inner;
        start -= 2 ** trailingZeros(start);
      }
      const level = this.level(bitLength(end - start - 1));
      const known = level.get(start);
      if (known !== undefined) {
        if (!sameChain(known, node, proof, i + 1)) return this.full(index, leafHash, proof);
        for (const [at, s, p] of computed) at.set(s, p);
        return OK;
      }
      computed.push([level, start, { node, proof, next: i + 1 }]);
    }
    // No proof hashes: a tree of one leaf, whose root is the leaf hash.
    return equalBytes(node, this.root) ? OK : this.full(index, leafHash, proof);
  }

  private level(level: number): Map<number, Proven> {
    while (this.proven.length <= level) this.proven.push(new Map());
    return this.proven[level];
  }

  private full(index: number, leafHash: Uint8Array, proof: Proof): AuditResult {
    return verifyInclusion(this.hash, index, this.size, leafHash, proof, this.root);
  }
}

interface Proven {
  readonly node: Uint8Array;
  readonly proof: Proof;
  readonly next: number;
}

/** The same node, and the same hashes above it as the proof that led it to the root. */
function sameChain(known: Proven, node: Uint8Array, proof: Proof, next: number): boolean {
  if (!equalBytes(known.node, node)) return false;
  if (proof.length - next !== known.proof.length - known.next) return false;
  for (let j = 0; next + j < proof.length; j++) {
    if (!equalBytes(proof[next + j], known.proof[known.next + j])) return false;
  }
  return true;
}
