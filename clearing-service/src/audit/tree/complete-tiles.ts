import { HASH_BYTES, TILE_WIDTH } from './tiles';

/**
 * Full tiles in memory, for serving proofs. A full tile never changes (the log only appends), so
 * it can be kept as long as wanted; at 10^7 leaves every proof shares its upper-level tiles with
 * the others, and only its few lower-level tiles still come from the database. Partly filled
 * tiles are never kept. Bounded: the oldest entries go first.
 */
export class CompleteTiles {
  private readonly tiles = new Map<string, Buffer>();

  /** `fullLength`: the byte length of a full tile; null when the caller offers full ones only. */
  constructor(
    private readonly maxTiles = 20_000,
    private readonly fullLength: number | null = TILE_WIDTH * HASH_BYTES,
  ) {}

  get(key: string): Buffer | undefined {
    return this.tiles.get(key);
  }

  offer(key: string, hashes: Buffer): void {
    if (this.fullLength !== null && hashes.length !== this.fullLength) return;
    if (this.tiles.has(key)) return;
    if (this.tiles.size >= this.maxTiles) {
      const oldest = this.tiles.keys().next().value;
      if (oldest !== undefined) this.tiles.delete(oldest);
    }
    this.tiles.set(key, hashes);
  }
}
