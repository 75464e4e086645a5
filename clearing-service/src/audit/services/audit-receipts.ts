import { Injectable } from '@nestjs/common';
import type { AccountReceiptView, LogHashName } from '@tanlian/sdk';
import { nodeLogHash, treeHashes } from '../tree/log-hash';
import { AuditLogReader } from './audit-log-reader';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** A page of receipts: the checkpoint they are all against, and each sealed leaf's receipt. */
export interface PageReceipts {
  checkpoint: string | null;
  /** By leaf index; leaves past the checkpoint have none yet (they are sealed within seconds). */
  receipts: Map<number, AccountReceiptView>;
}

/**
 * Receipts for a resident's records: the latest signed checkpoint once, and per record its leaf's
 * index and hash. The mini-program computes each inclusion proof from the log's tiles and checks
 * it against the checkpoint and the pinned key (`verifyPageReceipt`): no proof is computed here.
 */
@Injectable()
export class AuditReceipts {
  constructor(private readonly reader: AuditLogReader) {}

  /** For leaves the caller has read (index and data). */
  async forPage(
    program: { id: number; auditHash: LogHashName },
    leaves: readonly { index: number; data: Buffer }[],
  ): Promise<PageReceipts> {
    const receipts = new Map<number, AccountReceiptView>();
    const checkpoint = await this.reader.latestCheckpoint(program.id);
    if (!checkpoint) return { checkpoint: null, receipts };
    const h = treeHashes(nodeLogHash(program.auditHash));
    for (const leaf of leaves) {
      if (leaf.index >= checkpoint.size) continue;
      receipts.set(leaf.index, { leafIndex: leaf.index, leafHash: b64(h.leaf(leaf.data)) });
    }
    return { checkpoint: checkpoint.note, receipts };
  }
}
