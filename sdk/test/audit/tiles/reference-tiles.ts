// A tile source over an in-memory log, built from the spec's definition alone: the level-L tile
// hashes are MTH of each run of 256^L leaves, computed by hashing perfect subtrees level by level
// (not through MerkleTree, which the proofs from these tiles are compared with).
import { nodeHash, type LogHash, type TileSource } from '../../../src/audit';

export class ReferenceTiles {
  /** levels[l] = the hashes of tree level l (perfect subtrees of 2^l leaves), in order. */
  private readonly levels: Uint8Array[][];
  readonly requests: { level: number; index: number; width: number }[] = [];

  constructor(
    private readonly hash: LogHash,
    leafHashes: readonly Uint8Array[],
  ) {
    this.levels = [leafHashes.slice()];
    for (let l = 0; this.levels[l].length >= 2; l++) {
      const below = this.levels[l];
      const up: Uint8Array[] = [];
      for (let i = 0; i + 1 < below.length; i += 2) up.push(nodeHash(hash, below[i], below[i + 1]));
      this.levels.push(up);
    }
  }

  /** Serves tile (level, index, width) of the tree of `size` leaves, as a log would. */
  source(size: number): TileSource {
    return async (level, index, width) => {
      this.requests.push({ level, index, width });
      const hashes = this.levels[8 * level] ?? [];
      const available = Math.floor(size / 256 ** level) - index * 256;
      if (width < 1 || width > 256 || width > available || (width < 256 && width !== available)) {
        throw new Error(`tile ${level}/${index}.p/${width} does not exist at size ${size}`);
      }
      const out = new Uint8Array(width * 32);
      for (let i = 0; i < width; i++) out.set(hashes[index * 256 + i], i * 32);
      return out;
    };
  }
}
