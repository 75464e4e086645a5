// Packed, growable storage for one level of 32-byte node hashes. One buffer per level instead of
// one Uint8Array per node keeps a 10^6-leaf reference tree at ~64 MB instead of several hundred.
import { LOG_HASH_SIZE } from './hash';

const SLOT = LOG_HASH_SIZE;

export class HashColumn {
  private buffer = new Uint8Array(SLOT * 16);
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(hash: Uint8Array): void {
    if ((this.count + 1) * SLOT > this.buffer.length) {
      const grown = new Uint8Array(this.buffer.length * 2);
      grown.set(this.buffer);
      this.buffer = grown;
    }
    this.buffer.set(hash, this.count * SLOT);
    this.count++;
  }

  /** A copy, so callers (and proof consumers) can never alter the stored tree. */
  get(index: number): Uint8Array {
    const start = index * SLOT;
    return this.buffer.slice(start, start + SLOT);
  }
}
