import { Injectable } from '@nestjs/common';
import type { CanonicalValue } from '@tanlian/sdk';
import type { EntityManager } from 'typeorm';
import { encodeLeaf } from '../leaf-data';
import { AuditLogWriter, type LeafKind } from './audit-log-writer';

/** A change other than a ledger transaction that the public log records (a bureau decision, a key). */
export interface AuditRecord {
  kind: LeafKind;
  /** The row it is about; with `kind`, unique in the program's log (decimal string for 64-bit ids). */
  refId: number | string;
  /** The leaf body's `type`, as the verifier knows it. */
  type: string;
  /** The rest of the body: public facts only, never personal data or secrets. */
  fields: { [key: string]: CanonicalValue };
}

/**
 * Appends governance records (methodology publication and retirement, key creation and
 * revocation) to a program's audit log, in the caller's transaction so the change and its leaf
 * commit together.
 */
@Injectable()
export class AuditRecords {
  constructor(private readonly log: AuditLogWriter) {}

  async append(
    db: EntityManager,
    programId: number,
    record: AuditRecord,
    at = new Date(),
  ): Promise<number> {
    const program = await this.log.programOf(db, programId);
    const head = await this.log.lockHead(db, programId);
    const body = {
      type: record.type,
      program: program.code,
      at: at.toISOString(),
      ...record.fields,
    };
    const [index] = await this.log.append(
      db,
      head,
      [{ kind: record.kind, refId: record.refId, data: encodeLeaf(body) }],
      at,
    );
    return index;
  }
}

/** `key_0123456789abcdef` → its 64 random bits as a decimal ref id (fits audit_leaves.ref_id). */
export function refIdOfTokenId(id: string): string {
  const hex = id.slice(id.indexOf('_') + 1);
  if (!/^[0-9a-f]{16}$/.test(hex)) throw new RangeError(`not a Tanlian credential id: ${id}`);
  return BigInt(`0x${hex}`).toString();
}
