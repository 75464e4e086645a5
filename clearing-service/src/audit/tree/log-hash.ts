import { leafHash, nodeHash, type LogHash, type LogHashName } from '@tanlian/sdk';
import { createHash } from 'node:crypto';
import type { NodeHasher } from './tree-plan';

/** The program's audit hash through node:crypto (OpenSSL); the sdk's pure versions verify it. */
export function nodeLogHash(name: LogHashName): LogHash {
  return { name, digest: (data) => createHash(name).update(data).digest() };
}

export interface TreeHashes {
  readonly hash: LogHash;
  leaf(data: Uint8Array): Uint8Array;
  node: NodeHasher;
  empty(): Uint8Array;
}

/** RFC 9162 leaf, node and empty-tree hashes under one hash function. */
export function treeHashes(hash: LogHash): TreeHashes {
  return {
    hash,
    leaf: (data) => leafHash(hash, data),
    node: (left, right) => Uint8Array.from(nodeHash(hash, left, right)),
    empty: () => hash.digest(new Uint8Array(0)),
  };
}
