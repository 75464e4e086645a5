import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { insertRows } from '../../database/sql';
import { CompleteTiles } from '../tree/complete-tiles';
import type { TreeHashes } from '../tree/log-hash';
import { HASH_BYTES, nodeInTile, tileAppends, tileKey, tileOf, tilesOf } from '../tree/tiles';
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
   * Only the proofs served to the public read full tiles from memory (`cached`); the integrator
   * and the self-check always read the database, where tampering would show.
   */
  private readonly completeTiles = new CompleteTiles();

  async fetch(
    db: EntityManager,
    programId: number,
    refs: readonly NodeRef[],
    cached = false,
  ): Promise<Map<string, Uint8Array>> {
    const out = new Map<string, Uint8Array>();
    if (refs.length === 0) return out;
    const byTile = new Map<string, Buffer>();
    const missing = tilesOf(refs).filter((t) => {
      const hit = cached ? this.completeTiles.get(`${programId}/${tileKey(t)}`) : undefined;
      if (hit) byTile.set(tileKey(t), hit);
      return !hit;
    });
    if (missing.length > 0) {
      const rows: { level: number; tile: string; hashes: Buffer }[] = await db.query(
        `SELECT level, tile, hashes FROM audit_tiles
          WHERE program_id = ? AND (${missing.map(() => '(level = ? AND tile = ?)').join(' OR ')})`,
        [programId, ...missing.flatMap((t) => [t.level, t.tile])],
      );
      for (const row of rows) {
        const key = tileKey({ level: row.level, tile: Number(row.tile) });
        byTile.set(key, row.hashes);
        // Only tiles above the leaves: each is on the path of many proofs. A leaf-level tile is on
        // few (random proofs of a large log rarely meet there), and caching every one read churns
        // the cache and the api's heap for nothing (bench:audit's proof p99).
        if (cached && row.level > 0) this.completeTiles.offer(`${programId}/${key}`, row.hashes);
      }
    }
    for (const ref of refs) {
      const at = tileOf(ref);
      const tile = byTile.get(tileKey(at));
      const hash = tile && nodeInTile(tile, at.offset);
      if (hash) out.set(nodeKey(ref), hash);
    }
    return out;
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
    const lookup = lookupIn(await this.fetch(db, programId, refs.flat(), cached));
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
