// Cheap deterministic test leaves: distinct 32-byte "leaf hashes" without hashing anything, for
// trees that only need opaque, pairwise different leaves.

export function syntheticLeafHash(i: number): Uint8Array {
  const h = new Uint8Array(32);
  const hi = Math.floor(i / 2 ** 32);
  const mixed = Math.imul(i ^ 0x9e3779b9, 0x85ebca6b);
  h.set([0x74, 0x61, 0x6e, 0x6c]); // "tanl"
  for (let b = 0; b < 4; b++) {
    h[4 + b] = hi >>> (24 - 8 * b);
    h[8 + b] = i >>> (24 - 8 * b);
    h[28 + b] = mixed >>> (24 - 8 * b);
  }
  return h;
}

/** Small deterministic PRNG (mulberry32) so sampled sizes and indexes are reproducible. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** An integer in [min, max] drawn from `random`. */
export function between(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

export function flipBit(bytes: Uint8Array, bit: number): Uint8Array {
  const copy = bytes.slice();
  copy[bit >> 3] ^= 1 << (bit & 7);
  return copy;
}
