import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { LogHashName, ResidentEntriesQuery, ResidentEntriesView } from '@tanlian/sdk';
import { DataSource } from 'typeorm';
import { residentEntries } from '../../read-models/resident-entries';
import { ResidentChains } from './resident-chains';
import { nodeLogHash, treeHashes } from '../tree/log-hash';
import { AuditLogReader } from './audit-log-reader';
import { AuditTreeStore } from './audit-tree-store';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/**
 * A resident's own entries with their keys and proofs, for `verifyAccount` on the phone: every
 * entry of theirs in the latest checkpoint, oldest first, in pages of up to 1000.
 */
@Injectable()
export class ResidentEntriesReader {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly chains: ResidentChains,
    private readonly reader: AuditLogReader,
    private readonly store: AuditTreeStore,
  ) {}

  async page(
    program: { id: number; auditHash: LogHashName },
    residentId: number,
    query: ResidentEntriesQuery,
  ): Promise<ResidentEntriesView | null> {
    const checkpoint = await this.reader.latestCheckpoint(program.id);
    if (!checkpoint) return null;
    const keys = await this.chains.keysOfResident(program.id, residentId);
    const rows = await residentEntries(
      this.db,
      program.id,
      residentId,
      query.after,
      query.limit + 1,
    );
    const sealed = rows.slice(0, query.limit).filter((r) => r.leafIndex < checkpoint.size);
    const [{ unsealed }]: { unsealed: string }[] = await this.db.query(
      `SELECT COUNT(*) AS unsealed FROM audit_resident_entries
        WHERE program_id = ? AND resident_id = ? AND leaf_index >= ?`,
      [program.id, residentId, checkpoint.size],
    );
    const proofs = await this.store.inclusions(
      this.db.manager,
      program.id,
      sealed.map((r) => r.leafIndex),
      checkpoint.size,
      treeHashes(nodeLogHash(program.auditHash)),
      true,
    );
    // A page ends where the sealed entries end: later ones wait for the next checkpoint.
    const complete = sealed.length === Math.min(rows.length, query.limit);
    return {
      hash: program.auditHash,
      checkpoint: checkpoint.note,
      treeSize: checkpoint.size,
      keys: keys.map((k) => ({ fromSeq: k.fromSeq, key: b64(k.key) })),
      entries: sealed.map((r) => ({
        leafIndex: r.leafIndex,
        seq: r.seq,
        leafData: b64(r.leafData),
        private: r.privateJson,
        inclusionProof: proofs.get(r.leafIndex)!.proof.map(b64),
      })),
      unsealed: Number(unsealed),
      next: complete && rows.length > query.limit ? rows[query.limit].seq : null,
    };
  }
}
