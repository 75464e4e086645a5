import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuditKeyAnnouncementsView } from '@tanlian/sdk';
import { DataSource } from 'typeorm';
import type { Program } from '../../tenancy/entities/program.entity';
import { nodeLogHash, treeHashes } from '../tree/log-hash';
import { AuditCheckpoints } from './audit-checkpoints';
import { AuditTreeStore } from './audit-tree-store';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/**
 * The leaves that activate or retire a checkpoint key, each with its inclusion proof in the first
 * checkpoint covering it, which a key trusted before signed: how an app pinned to the log's first
 * key learns every later one (sdk `verifyReceipt({ keyAnnouncements })`). Rotations are rare, so
 * the list is short; leaves not yet sealed are left out until they are.
 */
@Injectable()
export class AuditKeyAnnouncements {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly checkpoints: AuditCheckpoints,
    private readonly store: AuditTreeStore,
  ) {}

  async of(program: Program): Promise<AuditKeyAnnouncementsView> {
    return this.db.transaction('REPEATABLE READ', async (db) => {
      const rows: { leaf_index: string; leaf_data: Buffer; covered_by: string | null }[] =
        await db.query(
          `SELECT l.leaf_index, l.leaf_data,
                  (SELECT MIN(c.tree_size) FROM audit_checkpoints c
                    WHERE c.program_id = l.program_id AND c.tree_size > l.leaf_index) AS covered_by
             FROM audit_leaves l
            WHERE l.program_id = ? AND l.kind IN ('checkpoint_key_activated', 'checkpoint_key_retired')
            ORDER BY l.leaf_index`,
          [program.id],
        );
      const h = treeHashes(nodeLogHash(program.auditHash));
      const announcements: AuditKeyAnnouncementsView['announcements'] = [];
      for (const row of rows) {
        if (row.covered_by === null) break; // later ones are not sealed either
        const [index, size] = [Number(row.leaf_index), Number(row.covered_by)];
        const [proofs, checkpoint] = await Promise.all([
          this.store.inclusions(db, program.id, [index], size, h),
          this.checkpoints.ofSize(db, program.id, size),
        ]);
        announcements.push({
          leafIndex: index,
          leafData: b64(row.leaf_data),
          inclusionProof: proofs.get(index)!.proof.map(b64),
          checkpoint: checkpoint!.note,
        });
      }
      return { announcements };
    });
  }
}
