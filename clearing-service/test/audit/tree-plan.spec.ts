/**
 * The service's proof builder (pure: needed-node plans folded over a stored-subtree map) against
 * the reference roots of the vendored vectors (testdata/merkle) and the sdk's reference MerkleTree
 * and verifiers. The vector files' proofs are verification cases: the service verifies with the sdk's
 * verifyConsistency, whose own suite runs every vector file.
 */
import {
  MerkleTree,
  sha256LogHash,
  sm3LogHash,
  verifyConsistency,
  verifyInclusion,
  type LogHash,
} from '@tanlian/sdk';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeLogHash, treeHashes, type TreeHashes } from '../../src/audit/tree/log-hash';
import {
  appendLeaves,
  consistencyPlan,
  foldPlans,
  foldRange,
  frontierPlan,
  inclusionPlan,
  neededNodes,
  rangePlan,
  rootPlan,
  type NodeRef,
} from '../../src/audit/tree/tree-plan';

// The repository's testdata/merkle (this file is clearing-service/test/audit/tree-plan.spec.ts).
const VECTORS = join(__dirname, '..', '..', '..', 'testdata', 'merkle', 'README.md');

/** A subtree store like audit_subtrees: one flat buffer per level, 32 bytes a node. */
class FlatStore {
  private levels: Buffer[] = [];
  private counts: number[] = [];
  size = 0;
  reads = 0;

  constructor(private readonly h: TreeHashes) {}

  get = (ref: NodeRef): Uint8Array => {
    this.reads++;
    if (ref.idx >= (this.counts[ref.level] ?? 0))
      throw new Error(`missing ${ref.level}:${ref.idx}`);
    return this.levels[ref.level].subarray(ref.idx * 32, ref.idx * 32 + 32);
  };

  append(leafHashes: Uint8Array[]): void {
    // Only the frontier is readable during integration, as in the service (one fetch).
    const frontier = new Map(
      frontierPlan(this.size).map((r) => [`${r.level}:${r.idx}`, this.get(r)]),
    );
    const created = appendLeaves(
      this.size,
      leafHashes,
      (ref) => {
        const hash = frontier.get(`${ref.level}:${ref.idx}`);
        if (!hash) throw new Error(`integration read ${ref.level}:${ref.idx} off the frontier`);
        return hash;
      },
      this.h.node,
    );
    for (const node of created) {
      const count = this.counts[node.level] ?? 0;
      if (node.idx !== count) throw new Error(`node ${node.level}:${node.idx} out of order`);
      let level = this.levels[node.level];
      if (!level || level.length < (count + 1) * 32) {
        const grown = Buffer.alloc(Math.max(64, (count + 1) * 64));
        if (level) level.copy(grown);
        this.levels[node.level] = level = grown;
      }
      level.set(node.hash, count * 32);
      this.counts[node.level] = count + 1;
    }
    this.size += leafHashes.length;
  }

  root(size: number): Uint8Array {
    return size === 0 ? this.h.empty() : foldRange(rootPlan(size)[0], this.get, this.h.node);
  }
}

function hex(b: Uint8Array): string {
  return Buffer.from(b).toString('hex');
}

describe('reference vectors', () => {
  const leaves = [
    '',
    '00',
    '10',
    '2021',
    '3031',
    '40414243',
    '5051525354555657',
    '606162636465666768696a6b6c6d6e6f',
  ].map((x) => Buffer.from(x, 'hex'));
  const roots = [...readFileSync(VECTORS, 'utf8').matchAll(/- size (\d+): ([0-9a-f]{64})/g)].map(
    (m) => [Number(m[1]), m[2]] as const,
  );

  it('reproduces the README roots of sizes 0..8 from stored subtrees (node:crypto SHA-256)', () => {
    expect(roots).toHaveLength(9);
    const h = treeHashes(nodeLogHash('sha256'));
    for (const [size, root] of roots) {
      const store = new FlatStore(h);
      store.append(leaves.slice(0, size).map((d) => h.leaf(d)));
      expect(hex(store.root(size))).toBe(root);
    }
  });

  it('builds inclusion and consistency proofs on that tree that the sdk verifies', () => {
    const h = treeHashes(nodeLogHash('sha256'));
    const store = new FlatStore(h);
    for (const leaf of leaves) store.append([h.leaf(leaf)]);
    for (let size = 1; size <= 8; size++) {
      const root = store.root(size);
      for (let i = 0; i < size; i++) {
        const proof = foldPlans(inclusionPlan(i, size), store.get, h.node);
        expect(verifyInclusion(sha256LogHash, i, size, h.leaf(leaves[i]), proof, root)).toEqual({
          ok: true,
        });
      }
      for (let m = 1; m <= size; m++) {
        const proof = foldPlans(consistencyPlan(m, size), store.get, h.node);
        expect(verifyConsistency(sha256LogHash, m, size, proof, store.root(m), root)).toEqual({
          ok: true,
        });
      }
    }
  });
});

/** Cheap deterministic leaf hashes: the index in the first bytes, no hashing. */
function fakeLeaf(i: number): Uint8Array {
  const b = Buffer.alloc(32);
  b.writeUIntBE(i, 0, 6);
  b[31] = 0xa5;
  return b;
}

/** Compares roots and proofs with the reference tree and verifies them; returns the mismatches. */
function checkAgainstReference(
  store: FlatStore,
  ref: MerkleTree,
  h: TreeHashes,
  verifier: LogHash,
  size: number,
  indexes: number[],
  froms: number[],
): string[] {
  const bad: string[] = [];
  const root = store.root(size);
  if (hex(root) !== hex(ref.root(size))) bad.push(`root ${size}`);
  for (const i of indexes) {
    const proof = foldPlans(inclusionPlan(i, size), store.get, h.node);
    if (proof.map(hex).join() !== ref.inclusionProof(i, size).map(hex).join()) {
      bad.push(`inclusion ${i} in ${size}`);
    }
    if (!verifyInclusion(verifier, i, size, ref.leafHashAt(i), proof, root).ok) {
      bad.push(`inclusion ${i} in ${size} does not verify`);
    }
  }
  for (const m of froms) {
    const proof = foldPlans(consistencyPlan(m, size), store.get, h.node);
    if (proof.map(hex).join() !== ref.consistencyProof(m, size).map(hex).join()) {
      bad.push(`consistency ${m} to ${size}`);
    }
    if (!verifyConsistency(verifier, m, size, proof, ref.root(m), root).ok) {
      bad.push(`consistency ${m} to ${size} does not verify`);
    }
  }
  return bad;
}

/** xorshift: reproducible "random" numbers. */
function rng(seed: number) {
  let x = seed >>> 0 || 1;
  return (max: number) => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x % max;
  };
}

describe('property: stored-subtree proofs equal the sdk reference', () => {
  it('for every size 1..2000 (integrated in uneven batches), both hashes', () => {
    for (const [name, verifier] of [
      ['sha256', sha256LogHash],
      ['sm3', sm3LogHash],
    ] as const) {
      const h = treeHashes(nodeLogHash(name));
      const store = new FlatStore(h);
      const ref = new MerkleTree(verifier);
      const rand = rng(name === 'sha256' ? 7 : 11);
      const max = name === 'sha256' ? 2000 : 200;
      while (store.size < max) {
        const batch = Math.min(1 + rand(40), max - store.size);
        const hashes = Array.from({ length: batch }, (_, j) => fakeLeaf(store.size + j));
        store.append(hashes);
        hashes.forEach((x) => ref.appendLeafHash(x));
      }
      const bad: string[] = [];
      for (let size = 1; size <= max; size++) {
        const indexes = [0, size - 1, rand(size), rand(size)];
        const froms = [1, size, 1 + rand(size), 1 + rand(size)];
        bad.push(...checkAgainstReference(store, ref, h, verifier, size, indexes, froms));
      }
      expect(bad).toEqual([]);
    }
  });

  it('for random sizes up to 10^6, reading O(log² n) stored nodes', () => {
    const N = 1_000_000;
    // The reference tree's semantics at OpenSSL's speed; the verifiers use the sdk's own SHA-256.
    const fast = nodeLogHash('sha256');
    const h = treeHashes(fast);
    const store = new FlatStore(h);
    const ref = new MerkleTree(fast);
    for (let start = 0; start < N; start += 256) {
      const hashes = Array.from({ length: Math.min(256, N - start) }, (_, j) =>
        fakeLeaf(start + j),
      );
      store.append(hashes);
      for (const x of hashes) ref.appendLeafHash(x);
    }
    const rand = rng(2024);
    for (let t = 0; t < 40; t++) {
      const size = 1 + rand(N);
      const indexes = [rand(size), size - 1];
      const froms = [1 + rand(size), 1 + rand(Math.min(size, 1000))];
      store.reads = 0;
      expect(checkAgainstReference(store, ref, h, sha256LogHash, size, indexes, froms)).toEqual([]);
      // root + 2 inclusion + 2 consistency proofs (+ the reference roots at `from`): O(log² n) reads.
      expect(store.reads).toBeLessThan(5 * 20 * 20);
    }
    // One plan never needs more than O(log² n) nodes, and in practice far fewer.
    for (let t = 0; t < 200; t++) {
      const size = 1 + rand(N);
      expect(neededNodes(inclusionPlan(rand(size), size)).length).toBeLessThanOrEqual(20 * 20);
      expect(
        neededNodes([...consistencyPlan(1 + rand(size), size), ...rootPlan(size)]).length,
      ).toBeLessThanOrEqual(20 * 20);
    }
  });

  it('refuses unaligned ranges and out-of-range proofs', () => {
    expect(() => rangePlan(1, 3)).toThrow(/aligned/);
    expect(() => inclusionPlan(3, 3)).toThrow(RangeError);
    expect(() => consistencyPlan(0, 3)).toThrow(RangeError);
    expect(rangePlan(8, 14)).toEqual([
      { level: 2, idx: 2 },
      { level: 1, idx: 6 },
    ]);
  });
});
