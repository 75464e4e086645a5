import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuditReceiptView, LogHashName } from '@tanlian/sdk';
import { DataSource } from 'typeorm';
import { nodeLogHash, treeHashes } from '../tree/log-hash';
import { AuditLogReader } from './audit-log-reader';
import { AuditTreeStore } from './audit-tree-store';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/**
 * Receipts for a resident's records: leaf data, inclusion proof and the latest signed checkpoint,
 * everything the mini-program needs to check a record against the log's pinned key on its own.
 */
@Injectable()
export class AuditReceipts {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reader: AuditLogReader,
    private readonly store: AuditTreeStore,
  ) {}

  /** By leaf index; leaves past the latest checkpoint get none yet (they are sealed within seconds). */
  async forLeaves(
    program: { id: number; auditHash: LogHashName },
    indexes: readonly number[],
  ): Promise<Map<number, AuditReceiptView>> {
    const receipts = new Map<number, AuditReceiptView>();
    const checkpoint = await this.reader.latestCheckpoint(program.id);
    const sealed = [...new Set(indexes)].filter((i) => checkpoint && i < checkpoint.size);
    if (!checkpoint || sealed.length === 0) return receipts;
    const rows: { leaf_index: string; leaf_data: Buffer }[] = await this.db.query(
      `SELECT leaf_index, leaf_data FROM audit_leaves
        WHERE program_id = ? AND leaf_index IN (${sealed.map(() => '?').join(',')})`,
      [program.id, ...sealed],
    );
    const h = treeHashes(nodeLogHash(program.auditHash));
    // One indexed query per proof (O(log² n) subtree rows); a history page holds at most 200.
    for (const row of rows) {
      const index = Number(row.leaf_index);
      const { proof } = await this.store.inclusion(
        this.db.manager,
        program.id,
        index,
        checkpoint.size,
        h,
        true,
      );
      receipts.set(index, {
        leafIndex: index,
        leafData: b64(row.leaf_data),
        inclusionProof: proof.map(b64),
        checkpoint: checkpoint.note,
      });
    }
    return receipts;
  }
}
