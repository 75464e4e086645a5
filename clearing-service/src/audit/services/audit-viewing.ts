import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AUDIT_LEAVES_PAGE,
  type AuditResidentBalancesView,
  type AuditViewingEntriesView,
  type AuditViewingResidentsView,
  type LogHashName,
  type ViewedResident,
  wrapResidentKey,
} from '@tanlian/sdk';
import type { DataSource, EntityManager } from 'typeorm';
import { FieldError } from '../../http/domain-error';
import { entriesAmongLeaves } from '../../read-models/resident-entries';
import { reportedResidentLots } from '../../read-models/reported-balances';
import { noViewingKey } from '../audit-errors';
import { residentRef } from '../leaf-data';
import { nodeLogHash } from '../tree/log-hash';
import { AuditCheckpoints } from './audit-checkpoints';
import { AuditLogWriter } from './audit-log-writer';
import { nodeKeyedHash, type OpenedKey, ResidentChains } from './resident-chains';
import { ViewingKeys } from './viewing-keys';

type LogProgram = { id: number; auditHash: LogHashName };

/** A resident with their keys opened, each with its id (what its wrapping is bound to). */
interface ListedResident extends ViewedResident {
  readonly keys: OpenedKey[];
}

/**
 * What the bureau's viewing key opens (docs/private-log.md): every resident with their keys (wrapped
 * under the viewing key for the bureau's API, opened for the service's own fsck), every resident
 * entry's private part, and every resident lot's balance. A resident is named by their `r_…`.
 */
@Injectable()
export class AuditViewing {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly chains: ResidentChains,
    private readonly viewingKeys: ViewingKeys,
    private readonly log: AuditLogWriter,
    private readonly checkpoints: AuditCheckpoints,
  ) {}

  /** The bureau's listing: each resident key wrapped under the program's viewing key. */
  async wrappedResidents(
    program: LogProgram,
    after: number,
    limit: number,
  ): Promise<AuditViewingResidentsView> {
    const viewing = await this.viewingKeys.current(program.id);
    if (viewing === null) throw noViewingKey();
    const hmac = nodeKeyedHash(nodeLogHash(program.auditHash));
    const page = await this.residents(program, after, limit);
    return {
      viewingKeyId: viewing.keyId,
      hash: program.auditHash,
      residents: page.residents.map((r) => ({
        resident: r.resident,
        keys: r.keys.map((k) => ({
          fromSeq: k.fromSeq,
          keyId: k.keyId,
          wrappedKey: Buffer.from(wrapResidentKey(hmac, viewing.key, k.keyId, k.key)).toString(
            'base64',
          ),
        })),
      })),
      next: page.next,
    };
  }

  /** Every resident with a key, their keys opened (the fsck's replay; never served). */
  async residents(
    program: LogProgram,
    after: number,
    limit: number,
  ): Promise<{ residents: ListedResident[]; next: number | null }> {
    const rows = await this.chains.keysOfProgram(program.id, after, limit);
    const salt = await this.salt(program.id);
    return {
      residents: rows.map((r) => ({ resident: residentRef(salt, r.residentId), keys: r.keys })),
      next: rows.length === limit ? after + limit : null,
    };
  }

  async entries(program: LogProgram, start: number, end: number): Promise<AuditViewingEntriesView> {
    if (end <= start) throw new FieldError('end', 'must be greater than start');
    if (end - start > AUDIT_LEAVES_PAGE) {
      throw new FieldError('end', `must be at most start + ${AUDIT_LEAVES_PAGE}`);
    }
    const signed = await this.checkpoints.latestSize(this.db.manager, program.id);
    if (end > signed) {
      throw new FieldError('end', `must be at most the latest checkpoint size ${signed}`);
    }
    const entries = await entriesAmongLeaves(this.db, program.id, start, end);
    return { entries: entries.map((e) => ({ leafIndex: e.leafIndex, private: e.privateJson })) };
  }

  async balances(
    programId: number,
    size: number | undefined,
    after: number,
    limit: number,
  ): Promise<AuditResidentBalancesView> {
    // One snapshot, as the public balances (AuditBalances): postings, balances and leaves agree.
    return this.db.transaction('REPEATABLE READ', async (db) => {
      const latest = await this.checkpoints.latestSize(db, programId);
      if (size !== undefined && size > latest) {
        throw new FieldError('size', `must be at most the latest checkpoint size ${latest}`);
      }
      const treeSize = size ?? latest;
      const all = await reportedResidentLots(db, programId, treeSize);
      const salt = await this.salt(programId, db);
      return {
        treeSize,
        lots: all.slice(after, after + limit).map((l) => ({
          resident: residentRef(salt, l.residentId),
          asset: `points:${l.issuerCode}`,
          expiresOn: l.expiresOn,
          balance: String(l.balance),
          posted: String(l.posted),
        })),
        next: after + limit < all.length ? after + limit : null,
      };
    });
  }

  private salt(programId: number, db: EntityManager = this.db.manager): Promise<Buffer> {
    return this.log.residentSalt(db, programId);
  }
}
