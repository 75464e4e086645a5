/**
 * Tiles in memory for the public proofs, full or partly filled: a stored node never changes (the
 * log only appends), so a tile answers for every node it holds for good, and a longer copy of it
 * replaces a shorter one. Bounded: the oldest entries go first. Each copy is its own buffer, not
 * a view into the driver's packet, which would keep the whole packet alive.
 */
export class KeptTiles {
  private readonly tiles = new Map<string, Buffer>();

  constructor(private readonly maxTiles = 20_000) {}

  get(key: string): Buffer | undefined {
    return this.tiles.get(key);
  }

  offer(key: string, hashes: Uint8Array): void {
    const known = this.tiles.get(key);
    if (known && known.length >= hashes.length) return;
    if (!known && this.tiles.size >= this.maxTiles) {
      const oldest = this.tiles.keys().next().value;
      if (oldest !== undefined) this.tiles.delete(oldest);
    }
    this.tiles.set(key, Buffer.from(hashes));
  }
}
