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

  /**
   * By leaf index, for leaves the caller has read (index and data); leaves past the latest
   * checkpoint get none yet (they are sealed within seconds). All proofs from one fetch.
   */
  async forLeaves(
    program: { id: number; auditHash: LogHashName },
    leaves: readonly { index: number; data: Buffer }[],
  ): Promise<Map<number, AuditReceiptView>> {
    const receipts = new Map<number, AuditReceiptView>();
    const checkpoint = await this.reader.latestCheckpoint(program.id);
    if (!checkpoint) return receipts;
    const sealed = leaves.filter((l) => l.index < checkpoint.size);
    if (sealed.length === 0) return receipts;
    const h = treeHashes(nodeLogHash(program.auditHash));
    const proofs = await this.store.inclusions(
      this.db.manager,
      program.id,
      sealed.map((l) => l.index),
      checkpoint.size,
      h,
      true,
    );
    for (const leaf of sealed) {
      receipts.set(leaf.index, {
        leafIndex: leaf.index,
        leafData: b64(leaf.data),
        inclusionProof: proofs.get(leaf.index)!.proof.map(b64),
        checkpoint: checkpoint.note,
      });
    }
    return receipts;
  }
}
