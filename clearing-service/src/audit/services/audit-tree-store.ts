import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { insertRows } from '../../database/sql';
import { KeptTiles } from '../tree/kept-tiles';
import { planProofReads } from '../tree/proof-reads';
import type { TreeHashes } from '../tree/log-hash';
import {
  HASH_BYTES,
  nodeInTile,
  tileAppends,
  tileKey,
  tileOf,
  tilesOf,
  type TileRef,
} from '../tree/tiles';
import {
  consistencyPlan,
  foldPlans,
  foldRange,
  inclusionPlan,
  lookupIn,
  neededNodes,
  nodeKey,
  rootPlan,
  type NodeRef,
  type StoredNode,
} from '../tree/tree-plan';

/**
 * Roots and proofs of a program's log from its stored subtree hashes, kept in tiles
 * (audit_tiles, tree/tiles.ts): plan the nodes (tree-plan.ts), fetch their tiles in ONE query,
 * fold. Never rereads the leaves.
 */
@Injectable()
export class AuditTreeStore {
  /**
   * Only the proofs served to the public read kept tiles from memory (proof-reads.ts); the
   * integrator and the self-check always read the database, where tampering would show.
   */
  private readonly keptTiles = new KeptTiles();

  async fetch(
    db: EntityManager,
    programId: number,
    refs: readonly NodeRef[],
  ): Promise<Map<string, Uint8Array>> {
    const out = new Map<string, Uint8Array>();
    if (refs.length === 0) return out;
    const tiles = tilesOf(refs);
    const rows: { level: number; tile: string; hashes: Buffer }[] = await db.query(
      `SELECT level, tile, hashes FROM audit_tiles
        WHERE program_id = ? AND (${tiles.map(() => '(level = ? AND tile = ?)').join(' OR ')})`,
      [programId, ...tiles.flatMap((t) => [t.level, t.tile])],
    );
    const byTile = new Map(
      rows.map((r) => [tileKey({ level: r.level, tile: Number(r.tile) }), r.hashes]),
    );
    return nodesInTiles(refs, byTile, out);
  }

  /**
   * The nodes of public proofs in a tree of `size` leaves, in ONE statement: the kept levels'
   * tiles come from memory (read whole the first time), a lower level's node is read alone, as
   * its 32 bytes: a proof then reads a few short rows, not a dozen 2 KB tiles (bench:audit).
   */
  async fetchForProofs(
    db: EntityManager,
    programId: number,
    refs: readonly NodeRef[],
    size: number,
    leafOf?: number,
  ): Promise<{ nodes: Map<string, Uint8Array>; leafData?: Buffer }> {
    const keyOf = (t: TileRef) => `${programId}/${tileKey(t)}`;
    const plan = planProofReads(refs, size, (t) => this.keptTiles.get(keyOf(t)));
    const out = plan.found;
    if (plan.nodes.length + plan.tiles.length === 0 && leafOf === undefined) return { nodes: out };
    const parts = [
      ...plan.nodes.map(
        () =>
          `SELECT level, tile, ? AS node, SUBSTRING(hashes, ?, ${HASH_BYTES}) AS hashes FROM audit_tiles
            WHERE program_id = ? AND level = ? AND tile = ?`,
      ),
      ...plan.tiles.map(
        () =>
          'SELECT level, tile, -1 AS node, hashes FROM audit_tiles WHERE program_id = ? AND level = ? AND tile = ?',
      ),
      // The proved leaf's data in the same round trip, when the caller serves it.
      ...(leafOf === undefined
        ? []
        : [
            'SELECT -1 AS level, leaf_index AS tile, -2 AS node, leaf_data AS hashes FROM audit_leaves WHERE program_id = ? AND leaf_index = ?',
          ]),
    ];
    const rows: { level: number; tile: string; node: string; hashes: Buffer }[] = await db.query(
      parts.join(' UNION ALL '),
      [
        ...plan.nodes.flatMap((ref) => {
          const at = tileOf(ref);
          return [ref.idx, at.offset * HASH_BYTES + 1, programId, at.level, at.tile];
        }),
        ...plan.tiles.flatMap((t) => [programId, t.level, t.tile]),
        ...(leafOf === undefined ? [] : [programId, leafOf]),
      ],
    );
    const tiles = new Map<string, Buffer>();
    let leafData: Buffer | undefined;
    for (const row of rows) {
      const node = Number(row.node);
      if (node === -2) {
        leafData = row.hashes;
        continue;
      }
      // A node the tile does not reach yet comes back empty: missing, as in fetch().
      if (node >= 0 && row.hashes.length === HASH_BYTES)
        out.set(nodeKey({ level: row.level, idx: node }), row.hashes);
      if (node < 0) tiles.set(tileKey({ level: row.level, tile: Number(row.tile) }), row.hashes);
    }
    for (const t of plan.tiles) {
      const hashes = tiles.get(tileKey(t));
      if (hashes && t.keep) this.keptTiles.offer(keyOf(t), hashes);
    }
    return { nodes: nodesInTiles(refs, tiles, out), leafData };
  }

  /**
   * Stores newly completed nodes: new tiles are inserted (the primary key refuses a second
   * integration), partly filled ones extended in ONE statement that only touches a tile whose
   * length is exactly where the new run starts; any other outcome throws and rolls back.
   */
  async save(db: EntityManager, programId: number, created: readonly StoredNode[]): Promise<void> {
    const appends = tileAppends(created);
    const fresh = appends.filter((a) => a.offset === 0);
    const extended = appends.filter((a) => a.offset > 0);
    await insertRows(
      db,
      'audit_tiles',
      ['program_id', 'level', 'tile', 'hashes'],
      fresh.map((a) => [programId, a.level, a.tile, a.bytes]),
    );
    if (extended.length === 0) return;
    const result: { affectedRows: number } = await db.query(
      `UPDATE audit_tiles SET hashes = CASE
         ${extended.map(() => 'WHEN level = ? AND tile = ? THEN CONCAT(hashes, ?)').join(' ')}
         ELSE hashes END
        WHERE program_id = ? AND (${extended.map(() => '(level = ? AND tile = ? AND LENGTH(hashes) = ?)').join(' OR ')})`,
      [
        ...extended.flatMap((a) => [a.level, a.tile, a.bytes]),
        programId,
        ...extended.flatMap((a) => [a.level, a.tile, a.offset * HASH_BYTES]),
      ],
    );
    if (result.affectedRows !== extended.length) {
      throw new Error(
        `audit tiles of program ${programId} do not end where the new nodes start (${result.affectedRows} of ${extended.length} extended)`,
      );
    }
  }

  async root(db: EntityManager, programId: number, size: number, h: TreeHashes) {
    if (size === 0) return h.empty();
    const [plan] = rootPlan(size);
    return foldRange(plan, lookupIn(await this.fetch(db, programId, plan)), h.node);
  }

  /** The leaf hash and PATH(index, D[size]). */
  async inclusion(
    db: EntityManager,
    programId: number,
    index: number,
    size: number,
    h: TreeHashes,
    cached = false,
  ) {
    return (await this.inclusions(db, programId, [index], size, h, cached)).get(index)!;
  }

  /**
   * A public proof of one leaf with its leaf data, from ONE statement: the proof routes' answer
   * (undefined leaf data: no such leaf).
   */
  async publicInclusion(
    db: EntityManager,
    programId: number,
    index: number,
    size: number,
    h: TreeHashes,
  ): Promise<{ leafHash: Uint8Array; proof: Uint8Array[]; leafData?: Buffer }> {
    const plan = inclusionPlan(index, size);
    const refs = neededNodes(plan, { level: 0, idx: index });
    const { nodes, leafData } = await this.fetchForProofs(db, programId, refs, size, index);
    const lookup = lookupIn(nodes);
    return {
      leafHash: lookup({ level: 0, idx: index }),
      proof: foldPlans(plan, lookup, h.node),
      leafData,
    };
  }

  /** Several leaves' hashes and paths in the same tree, from ONE fetch of all their nodes. */
  async inclusions(
    db: EntityManager,
    programId: number,
    indexes: readonly number[],
    size: number,
    h: TreeHashes,
    cached = false,
  ): Promise<Map<number, { leafHash: Uint8Array; proof: Uint8Array[] }>> {
    const plans = new Map(indexes.map((index) => [index, inclusionPlan(index, size)]));
    const refs = [...plans].map(([idx, plan]) => neededNodes(plan, { level: 0, idx }));
    const nodes = refs.flat();
    const lookup = lookupIn(
      cached
        ? (await this.fetchForProofs(db, programId, nodes, size)).nodes
        : await this.fetch(db, programId, nodes),
    );
    const out = new Map<number, { leafHash: Uint8Array; proof: Uint8Array[] }>();
    for (const [idx, plan] of plans) {
      out.set(idx, { leafHash: lookup({ level: 0, idx }), proof: foldPlans(plan, lookup, h.node) });
    }
    return out;
  }

  /** PROOF(from, D[to]) with the root at `to`, from one fetch. */
  async consistency(db: EntityManager, programId: number, from: number, to: number, h: TreeHashes) {
    const plans = consistencyPlan(from, to);
    const [root] = rootPlan(to);
    const lookup = lookupIn(await this.fetch(db, programId, neededNodes([...plans, root])));
    return { proof: foldPlans(plans, lookup, h.node), root: foldRange(root, lookup, h.node) };
  }
}

/** Adds to `out` each of `refs` that one of the tiles (by tileKey) holds. */
function nodesInTiles(
  refs: readonly NodeRef[],
  tiles: ReadonlyMap<string, Uint8Array>,
  out: Map<string, Uint8Array>,
): Map<string, Uint8Array> {
  for (const ref of refs) {
    const at = tileOf(ref);
    const tile = tiles.get(tileKey(at));
    const hash = tile && nodeInTile(tile, at.offset);
    if (hash) out.set(nodeKey(ref), hash);
  }
  return out;
}
