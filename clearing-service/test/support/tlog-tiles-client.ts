/**
 * An independent C2SP tlog-tiles client (https://c2sp.org/tlog-tiles), written from the spec for
 * conformance tests: its own path spelling, tile widths and RFC 6962/9162 hashing on node:crypto.
 * It must not import the service's or the sdk's tile code, so a shared misreading of the spec
 * cannot pass on both sides.
 */
import { createHash } from 'node:crypto';

const TILE = 256; // hashes per full tile: tile height 8
const HASH = 32;

export type Fetch = (path: string) => Promise<{ status: number; body: Buffer }>;

/** "<N> ... encoded into zero-padded 3-digit path elements. All but the last ... begin with x." */
export function indexPath(n: number): string {
  let digits = String(n);
  while (digits.length % 3 !== 0) digits = `0${digits}`;
  const elements = digits.match(/.{3}/g)!;
  return elements.map((e, i) => (i === elements.length - 1 ? e : `x${e}`)).join('/');
}

/** "The partial tile at level l for a tree of size s has floor(s / 256**l) mod 256 entries." */
export function widthAt(level: number, n: number, size: number): number {
  const full = Math.floor(size / TILE ** (level + 1));
  if (n < full) return TILE;
  if (n === full) return Math.floor(size / TILE ** level) % TILE;
  return 0;
}

export function tilePath(level: number, n: number, width: number): string {
  return `tile/${level}/${indexPath(n)}${width === TILE ? '' : `.p/${width}`}`;
}

export function entriesPath(n: number, width: number): string {
  return `tile/entries/${indexPath(n)}${width === TILE ? '' : `.p/${width}`}`;
}

export class TlogTilesClient {
  readonly fetched: string[] = [];

  constructor(
    private readonly fetch: Fetch,
    private readonly hashName: 'sha256' | 'sm3',
  ) {}

  digest(...parts: Uint8Array[]): Buffer {
    const h = createHash(this.hashName);
    for (const p of parts) h.update(p);
    return h.digest();
  }

  leafHash(entry: Uint8Array): Buffer {
    return this.digest(Buffer.of(0), entry);
  }

  nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
    return this.digest(Buffer.of(1), left, right);
  }

  /** RFC 6962 §2.1 MTH over already-hashed leaves. */
  mth(leaves: readonly Buffer[]): Buffer {
    if (leaves.length === 0) return this.digest();
    if (leaves.length === 1) return leaves[0];
    let k = 1;
    while (k * 2 < leaves.length) k *= 2;
    return this.nodeHash(this.mth(leaves.slice(0, k)), this.mth(leaves.slice(k)));
  }

  private async get(path: string): Promise<Buffer> {
    this.fetched.push(path);
    const res = await this.fetch(path);
    if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
    return res.body;
  }

  /** The hashes of tile (level, n) of a tree of `size`, at the width the spec gives. */
  async tile(level: number, n: number, size: number): Promise<Buffer[]> {
    const width = widthAt(level, n, size);
    if (width === 0) throw new Error(`tile ${level}/${n} is empty at size ${size}`);
    const body = await this.get(tilePath(level, n, width));
    if (body.length !== width * HASH) {
      throw new Error(`tile ${level}/${n}: ${body.length} bytes, want ${width * HASH}`);
    }
    return Array.from({ length: width }, (_, i) => body.subarray(i * HASH, (i + 1) * HASH));
  }

  /** Every hash of tree level 8·level that is complete at `size`, from all its tiles. */
  async level(level: number, size: number): Promise<Buffer[]> {
    const out: Buffer[] = [];
    const count = Math.floor(size / TILE ** level);
    for (let n = 0; n * TILE < count; n++) out.push(...(await this.tile(level, n, size)));
    return out;
  }

  /** The entries of bundle n of a tree of `size`, split at their uint16 big-endian lengths. */
  async entries(n: number, size: number): Promise<Buffer[]> {
    const width = widthAt(0, n, size);
    const body = await this.get(entriesPath(n, width));
    const out: Buffer[] = [];
    for (let at = 0; at < body.length;) {
      const length = body.readUInt16BE(at);
      out.push(body.subarray(at + 2, at + 2 + length));
      at += 2 + length;
    }
    if (out.length !== width) throw new Error(`bundle ${n}: ${out.length} entries, want ${width}`);
    return out;
  }

  /**
   * MTH(D[0:size]) using the level-1 hashes wherever the recursion reaches an aligned run of 256
   * leaves, and leaf hashes (level 0) for the rest: the tiles of both levels must agree with the
   * root for this to match.
   */
  async rootFromTwoLevels(size: number): Promise<Buffer> {
    const leaves = await this.level(0, size);
    const upper = size >= TILE ? await this.level(1, size) : [];
    const range = (start: number, end: number): Buffer => {
      const n = end - start;
      if (n === TILE && start % TILE === 0) return upper[start / TILE];
      if (n === 1) return leaves[start];
      let k = 1;
      while (k * 2 < n) k *= 2;
      return this.nodeHash(range(start, start + k), range(start + k, end));
    };
    return size === 0 ? this.digest() : range(0, size);
  }
}
