import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { insertRows } from '../../database/sql';
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
    const byTile = new Map(rows.map((r) => [tileKey({ level: r.level, tile: Number(r.tile) }), r]));
    for (const ref of refs) {
      const at = tileOf(ref);
      const row = byTile.get(tileKey(at));
      const hash = row && nodeInTile(row.hashes, at.offset);
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
  ) {
    const plans = inclusionPlan(index, size);
    const leaf = { level: 0, idx: index };
    const lookup = lookupIn(await this.fetch(db, programId, neededNodes(plans, leaf)));
    return { leafHash: lookup(leaf), proof: foldPlans(plans, lookup, h.node) };
  }

  /** PROOF(from, D[to]) with the root at `to`, from one fetch. */
  async consistency(db: EntityManager, programId: number, from: number, to: number, h: TreeHashes) {
    const plans = consistencyPlan(from, to);
    const [root] = rootPlan(to);
    const lookup = lookupIn(await this.fetch(db, programId, neededNodes([...plans, root])));
    return { proof: foldPlans(plans, lookup, h.node), root: foldRange(root, lookup, h.node) };
  }
}
