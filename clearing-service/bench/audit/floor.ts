// The hashing floor: the RFC 9162 tree over the integration's own leaf bytes, hashed with
// node:crypto one-shot SHA-256 (log-hash.ts `nodeLogHash`, the integrator's hash) and built by the
// sdk's reference MerkleTree (every complete subtree, then the root), with nothing else in the way.
import { MerkleTree, type LogHash } from '@tanlian/sdk';
import { nodeLogHash } from '../../src/audit/tree/log-hash';

export interface FloorResult {
  leaves: number;
  /** Leaf and interior-node hashes one build computes (2n − 1). */
  hashes: number;
  /** The fastest of `rounds` builds. */
  ms: number;
  hashesPerS: number;
  leavesPerS: number;
  root: Uint8Array;
}

export function hashingFloor(leafData: readonly Uint8Array[], rounds = 3): FloorResult {
  const sha256 = nodeLogHash('sha256');
  let hashes = 0;
  const counted: LogHash = {
    name: 'sha256',
    digest: (data) => {
      hashes++;
      return sha256.digest(data);
    },
  };
  let best = Infinity;
  let root: Uint8Array = new Uint8Array(0);
  let perBuild = 0;
  for (let round = 0; round < rounds; round++) {
    hashes = 0;
    const t0 = performance.now();
    const tree = new MerkleTree(counted);
    for (const data of leafData) tree.appendData(data);
    root = tree.root();
    best = Math.min(best, performance.now() - t0);
    perBuild = hashes;
  }
  return {
    leaves: leafData.length,
    hashes: perBuild,
    ms: best,
    hashesPerS: perBuild / (best / 1000),
    leavesPerS: leafData.length / (best / 1000),
    root,
  };
}
