import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { FULL_TILE_WIDTH, formatEntriesPath, formatTilePath, leavesPerHash } from '@tanlian/sdk';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { DataSource } from 'typeorm';
import type { Program } from '../../tenancy/entities/program.entity';
import { tileBeyondCheckpoint } from '../audit-errors';
import { CompleteTiles } from '../tree/complete-tiles';
import { HASH_BYTES, storedRowsOfPublicTile } from '../tree/tiles';
import { AuditLogReader } from './audit-log-reader';

/** A served tile or entry bundle; `full` ones never change. */
export interface TileBytes {
  readonly bytes: Buffer;
  readonly full: boolean;
}

const gzipped = promisify(gzip);

/** The most an entry may hold: its length is a big-endian uint16 in the bundle. */
const MAX_ENTRY_BYTES = 0xffff;

/**
 * The log as C2SP tlog-tiles (https://c2sp.org/tlog-tiles), assembled from what is stored: a
 * level-L tile is the level-8L node hashes of four stored 64-wide rows (no hash is recomputed),
 * an entry bundle the leaves' data. Only what the latest signed checkpoint covers is served, so
 * no unsigned leaf shows; a partial tile of any signed prefix is served (the spec requires those
 * of sizes a checkpoint was made for). Full tiles and bundles are kept in memory: they never
 * change and are what every client of a large log asks for again.
 */
@Injectable()
export class AuditTiles {
  private readonly fullTiles = new CompleteTiles(2_000, FULL_TILE_WIDTH * HASH_BYTES);
  // Bundles are 256 leaves of a few hundred bytes: fewer of them fit the same memory.
  private readonly fullBundles = new CompleteTiles(200, null);
  private readonly gzippedBundles = new CompleteTiles(200, null);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reader: AuditLogReader,
  ) {}

  /** Hashes of tile (level, index) at `width` (256: full). */
  async hashes(program: Program, level: number, index: number, width: number): Promise<TileBytes> {
    const full = width === FULL_TILE_WIDTH;
    const key = `${program.id}/${level}/${index}`;
    const leaves = (index * FULL_TILE_WIDTH + width) * leavesPerHash(level);
    await this.covered(program, leaves, () => formatTilePath({ level, index, width }));
    const hit = full ? this.fullTiles.get(key) : undefined;
    if (hit) return { bytes: hit, full };
    const rows = storedRowsOfPublicTile(level, index, width);
    const stored: { hashes: Buffer }[] = await this.db.query(
      `SELECT hashes FROM audit_tiles
        WHERE program_id = ? AND level = ? AND tile BETWEEN ? AND ? ORDER BY tile`,
      [program.id, rows.level, rows.first, rows.last],
    );
    const bytes = Buffer.concat(stored.map((r) => r.hashes));
    if (bytes.length < width * HASH_BYTES) {
      // Covered by a signed checkpoint yet not stored: a broken store, never a short answer.
      throw new Error(`audit tile ${key} of program ${program.code} is missing stored hashes`);
    }
    const tile = bytes.subarray(0, width * HASH_BYTES);
    if (full) this.fullTiles.offer(key, tile);
    return { bytes: tile, full };
  }

  /** Entry bundle `index` at `width` leaves: each leaf's data after its uint16 length. */
  async entries(program: Program, index: number, width: number): Promise<TileBytes> {
    const full = width === FULL_TILE_WIDTH;
    const key = `${program.id}/entries/${index}`;
    const start = index * FULL_TILE_WIDTH;
    await this.covered(program, start + width, () => formatEntriesPath(index, width));
    const hit = full ? this.fullBundles.get(key) : undefined;
    if (hit) return { bytes: hit, full };
    const rows: { leaf_data: Buffer }[] = await this.db.query(
      `SELECT leaf_data FROM audit_leaves
        WHERE program_id = ? AND leaf_index >= ? AND leaf_index < ? ORDER BY leaf_index`,
      [program.id, start, start + width],
    );
    if (rows.length !== width) {
      throw new Error(
        `audit leaves ${start}..${start + width} of ${program.code} are not all there`,
      );
    }
    const parts: Buffer[] = [];
    for (const { leaf_data: data } of rows) {
      if (data.length > MAX_ENTRY_BYTES) {
        throw new Error(`an audit leaf of ${program.code} is too long for an entry bundle`);
      }
      const length = Buffer.alloc(2);
      length.writeUInt16BE(data.length);
      parts.push(length, data);
    }
    const bytes = Buffer.concat(parts);
    if (full) this.fullBundles.offer(key, bytes);
    return { bytes, full };
  }

  /**
   * The bundle gzipped, for clients that accept it (the spec: bundles SHOULD be compressed; leaves
   * are JSON and shrink several times). A full one is compressed once.
   */
  async entriesGzipped(program: Program, index: number, width: number): Promise<TileBytes> {
    const plain = await this.entries(program, index, width);
    const key = `${program.id}/entries/${index}`;
    const hit = plain.full ? this.gzippedBundles.get(key) : undefined;
    if (hit) return { bytes: hit, full: true };
    const bytes = await gzipped(plain.bytes);
    if (plain.full) this.gzippedBundles.offer(key, bytes);
    return { bytes, full: plain.full };
  }

  private async covered(program: Program, leaves: number, path: () => string): Promise<void> {
    const signed = await this.reader.signedSizeFor(program, leaves);
    if (leaves > signed) throw tileBeyondCheckpoint(path(), signed);
  }
}
