import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { LogHashName } from '@tanlian/sdk';
import { insertRows } from '../../database/sql';
import { SealedSecretStores } from '../../secrets/sealed-secret-stores';
import { SecretsKeyring, SecretUnreadable } from '../../secrets/secrets-keyring';
import { UnreadableSecrets } from '../../secrets/unreadable-secrets';
import type { SigningKeyLeafType } from '../signing-key-leaf';
import { nodeLogHash, treeHashes, type TreeHashes } from '../tree/log-hash';

/** What a leaf records; with `ref_id` it names the row (unique per program). */
export type LeafKind =
  | 'ledger_transaction'
  | 'reduction'
  | 'methodology_published'
  | 'methodology_retired'
  | 'api_key_created'
  | 'api_key_revoked'
  | 'webhook_secret_created'
  | 'webhook_secret_revoked'
  | 'witness_key_added'
  | 'witness_key_revoked'
  | 'clearing_file'
  | SigningKeyLeafType;

export interface NewLeaf {
  kind: LeafKind;
  refId: number | string;
  data: Buffer;
  /**
   * A resident entry (ResidentChains makes these): whose, its number in their chain, and the row
   * its private part is rebuilt from. Stored beside the leaf in `audit_resident_entries`.
   */
  entry?: { residentId: number; seq: number; subjectId: number | string };
  /** Its RFC 9162 leaf hash, when the writer has it already (a resident entry chains on it). */
  leafHash?: Uint8Array;
}

export interface ProgramLogFacts {
  code: string;
  auditHash: LogHashName;
  hashes: TreeHashes;
}

export interface LockedHead {
  programId: number;
  nextIndex: number;
}

/**
 * Appends leaves to a program's audit log in the caller's transaction. The head row lock serialises
 * writers of one program, so leaf indexes are gap-free and in commit order (invariant 7).
 */
@Injectable()
export class AuditLogWriter implements OnModuleInit {
  /** A program's code and log hash never change, so they are read once per process. */
  private readonly programs = new Map<number, ProgramLogFacts>();

  /** Resident salts never change once the head exists, so they are opened once per process. */
  private readonly salts = new Map<number, Buffer>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly keyring: SecretsKeyring,
    private readonly unreadable: UnreadableSecrets,
    private readonly sealedStores: SealedSecretStores,
  ) {}

  onModuleInit(): void {
    this.sealedStores.register({
      kind: 'resident_salt',
      list: async () => {
        const rows: { program_id: number; sealed: Buffer }[] = await this.dataSource.query(
          'SELECT program_id, sealed_resident_salt AS sealed FROM audit_log_heads ORDER BY program_id',
        );
        return rows.map((r) => ({ id: String(r.program_id), sealed: r.sealed }));
      },
      replace: async (id, previous, next) => {
        const result: { affectedRows: number } = await this.dataSource.query(
          'UPDATE audit_log_heads SET sealed_resident_salt = ? WHERE program_id = ? AND sealed_resident_salt = ?',
          [next, Number(id), previous],
        );
        return result.affectedRows === 1;
      },
    });
  }

  /**
   * The salt format-1 leaves hashed resident ids with (`residentRef`). Format 2 names no resident,
   * so no writer needs it; it stays to read old leaves by.
   */
  async residentSalt(db: EntityManager, programId: number): Promise<Buffer> {
    const salt = await this.existingResidentSalt(db, programId);
    if (salt) return salt;
    // Created in this transaction, which may yet roll back: not remembered until seen committed.
    const created = await this.createHead(db, programId);
    return (await this.readSealedSalt(db, programId)) ?? created;
  }

  /** The salt of a log that has a head already, or null (nothing written to the log yet). */
  private async existingResidentSalt(db: EntityManager, programId: number): Promise<Buffer | null> {
    let salt = this.salts.get(programId);
    if (!salt) {
      const read = await this.readSealedSalt(db, programId);
      if (!read) return null;
      salt = read;
      this.salts.set(programId, salt);
    }
    return salt;
  }

  private async readSealedSalt(db: EntityManager, programId: number): Promise<Buffer | null> {
    const [row]: { sealed_resident_salt: Buffer }[] = await db.query(
      'SELECT sealed_resident_salt FROM audit_log_heads WHERE program_id = ?',
      [programId],
    );
    if (!row) return null;
    try {
      return this.keyring.open(row.sealed_resident_salt);
    } catch (err) {
      // Without its salt no resident leaf of the log can be written: the writer fails and retries.
      if (err instanceof SecretUnreadable)
        this.unreadable.report('resident_salt', String(programId), err);
      throw err;
    }
  }

  /**
   * Locks the program's log head (creating it on first use). Every writer of the log holds it from
   * appending its leaves until it commits, so leaves are numbered in commit order.
   */
  async lockHead(db: EntityManager, programId: number): Promise<LockedHead> {
    // The exclusive lock straight away: INSERT IGNORE on an existing row takes a shared lock,
    // and two writers each upgrading theirs (crediting and a top-up, say) deadlock.
    const lock = (): Promise<{ next_index: string }[]> =>
      db.query('SELECT next_index FROM audit_log_heads WHERE program_id = ? FOR UPDATE', [
        programId,
      ]);
    let [row] = await lock();
    if (!row) {
      await this.createHead(db, programId);
      [row] = await lock();
    }
    return { programId, nextIndex: Number(row.next_index) };
  }

  /** Inserts the head with a new random salt unless it exists; returns the salt it tried. */
  private async createHead(db: EntityManager, programId: number): Promise<Buffer> {
    const salt = randomBytes(32);
    await db.query(
      'INSERT IGNORE INTO audit_log_heads (program_id, next_index, sealed_resident_salt) VALUES (?, 0, ?)',
      [programId, this.keyring.seal(salt)],
    );
    return salt;
  }

  /** Appends the leaves at the head's next indexes and moves the head; returns their indexes. */
  async append(
    db: EntityManager,
    head: LockedHead,
    leaves: NewLeaf[],
    at: Date,
  ): Promise<number[]> {
    if (leaves.length === 0) return [];
    const first = head.nextIndex;
    const { hashes: h } = await this.programOf(db, head.programId);
    await insertRows(
      db,
      'audit_leaves',
      ['program_id', 'leaf_index', 'kind', 'ref_id', 'leaf_data', 'leaf_hash', 'created_at'],
      leaves.map((leaf, i) => [
        head.programId,
        first + i,
        leaf.kind,
        leaf.refId,
        leaf.data,
        Buffer.from(leaf.leafHash ?? h.leaf(leaf.data)),
        at,
      ]),
    );
    const entries = leaves.flatMap((leaf, i) =>
      leaf.entry
        ? [[head.programId, first + i, leaf.entry.residentId, leaf.entry.seq, leaf.entry.subjectId]]
        : [],
    );
    if (entries.length > 0)
      await insertRows(
        db,
        'audit_resident_entries',
        ['program_id', 'leaf_index', 'resident_id', 'seq', 'subject_id'],
        entries,
      );
    head.nextIndex = first + leaves.length;
    await db.query('UPDATE audit_log_heads SET next_index = ? WHERE program_id = ?', [
      head.nextIndex,
      head.programId,
    ]);
    return leaves.map((_, i) => first + i);
  }

  /** The program's code and log hash (with its tree hashes), as every writer of its log needs. */
  async programOf(db: EntityManager, programId: number): Promise<ProgramLogFacts> {
    let facts = this.programs.get(programId);
    if (!facts) {
      const [row]: { code: string; audit_hash: LogHashName }[] = await db.query(
        'SELECT code, audit_hash FROM programs WHERE id = ?',
        [programId],
      );
      facts = {
        code: row.code,
        auditHash: row.audit_hash,
        hashes: treeHashes(nodeLogHash(row.audit_hash)),
      };
      this.programs.set(programId, facts);
    }
    return facts;
  }
}
