import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { TreeHashes } from '../tree/log-hash';
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
} from '../tree/tree-plan';

/**
 * Roots and proofs of a program's log from its stored subtrees (audit_subtrees): plan the nodes
 * (tree-plan.ts), fetch them in ONE query, fold. Never rereads the leaves.
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
    const rows: { level: number; idx: string; hash: Buffer }[] = await db.query(
      `SELECT level, idx, hash FROM audit_subtrees
        WHERE program_id = ? AND (${refs.map(() => '(level = ? AND idx = ?)').join(' OR ')})`,
      [programId, ...refs.flatMap((r) => [r.level, r.idx])],
    );
    for (const row of rows) out.set(nodeKey({ level: row.level, idx: Number(row.idx) }), row.hash);
    return out;
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
