// RFC 9162 §2.1.1 tree hashing with domain separation between leaves and interior nodes, so a
// leaf can never be passed off as a node. Odd nodes are never duplicated and nothing is sorted.
import { LOG_HASH_SIZE, type LogHash } from './hash';

const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;

// Reused input for the common 32+32-byte case: building a 10^6-leaf tree otherwise spends more
// time allocating than hashing. Safe because digest is synchronous and keeps no reference.
const nodeInput = new Uint8Array(1 + 2 * LOG_HASH_SIZE);

/** MTH({d}) = HASH(0x00 || d). */
export function leafHash(hash: LogHash, data: Uint8Array): Uint8Array {
  const input = new Uint8Array(1 + data.length);
  input[0] = LEAF_PREFIX;
  input.set(data, 1);
  return hash.digest(input);
}

/** HASH(0x01 || left || right). */
export function nodeHash(hash: LogHash, left: Uint8Array, right: Uint8Array): Uint8Array {
  const sized = left.length === LOG_HASH_SIZE && right.length === LOG_HASH_SIZE;
  if (sized && hash.node !== undefined) return hash.node(left, right);
  const input = sized ? nodeInput : new Uint8Array(1 + left.length + right.length);
  input[0] = NODE_PREFIX;
  input.set(left, 1);
  input.set(right, 1 + left.length);
  return hash.digest(input);
}

/** MTH({}) = HASH(""), the root of the empty tree. */
export function emptyRoot(hash: LogHash): Uint8Array {
  return hash.digest(new Uint8Array(0));
}
