import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  parseCosignature,
  parseCosignatureVerifierKey,
  parseNote,
  verifyCosignature,
  type AuditCheckpointView,
  type AuditWitnessView,
} from '@tanlian/sdk';
import { DataSource, type EntityManager } from 'typeorm';
import { isDuplicateKey } from '../../database/mysql-errors';
import { ConflictError, FieldError } from '../../http/domain-error';
import {
  checkpointNotFound,
  witnessExists,
  witnessKeyExists,
  witnessNotFound,
  witnessWentBack,
} from '../audit-errors';
import { AuditCheckpoints } from './audit-checkpoints';
import { AuditRecords } from './audit-records';

/** Cosignatures dated further ahead than this are refused (C2SP allows refusing future times). */
export const COSIGNATURE_MAX_CLOCK_SKEW_S = 300;

interface WitnessRow {
  id: string;
  name: string;
  key_id: number;
  public_key: Buffer;
  vkey: string;
  added_at: Date;
  revoked_at: Date | null;
}

const hexId = (keyId: number) => keyId.toString(16).padStart(8, '0');

function view(row: WitnessRow): AuditWitnessView {
  return {
    name: row.name,
    keyId: hexId(row.key_id),
    vkey: row.vkey,
    addedAt: new Date(row.added_at).toISOString(),
    revokedAt: row.revoked_at ? new Date(row.revoked_at).toISOString() : null,
  };
}

/**
 * The bureau's witness keys and the cosignatures they make. Every key registration and revocation
 * is a leaf of the log, in the same transaction; a cosignature is accepted only from an active key,
 * over a checkpoint the log signed, and never for a smaller tree than that witness cosigned before.
 */
@Injectable()
export class AuditWitnesses {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly records: AuditRecords,
    private readonly checkpoints: AuditCheckpoints,
  ) {}

  async list(programId: number): Promise<AuditWitnessView[]> {
    const rows: WitnessRow[] = await this.db.query(
      'SELECT * FROM audit_witnesses WHERE program_id = ? ORDER BY name',
      [programId],
    );
    return rows.map(view);
  }

  /** Registers a type 0x04 witness key; 409 when the name (even revoked) or the key is taken. */
  async register(programId: number, vkey: string): Promise<AuditWitnessView> {
    const parsed = parseCosignatureVerifierKey(vkey);
    if (!parsed.ok) {
      const reason =
        parsed.code === 'unknown-key-algorithm'
          ? `must be a cosignature/v1 key (signature type 0x04): ${parsed.reason}`
          : parsed.reason;
      throw new FieldError('vkey', reason);
    }
    const { name, keyId, publicKey } = parsed.key;
    const at = new Date();
    try {
      return await this.db.transaction(async (db) => {
        const taken: { name: string }[] = await db.query(
          'SELECT name FROM audit_witnesses WHERE program_id = ? AND (name = ? OR public_key = ?)',
          [programId, name, Buffer.from(publicKey)],
        );
        if (taken.length > 0) throw conflictOf(taken[0].name === name ? name : null);
        await db.query(
          `INSERT INTO audit_witnesses (program_id, name, key_id, public_key, vkey, added_at)
           VALUES (?, ?, ?, ?, ?, ?)`,
          [programId, name, keyId, Buffer.from(publicKey), vkey, at],
        );
        const row = (await this.row(db, programId, name)) as WitnessRow;
        await this.leaf(db, programId, 'added', row, at);
        return view(row);
      });
    } catch (err) {
      // A concurrent registration of the same name or key: the unique keys decide.
      if (isDuplicateKey(err)) throw conflictOf(null);
      throw err;
    }
  }

  /** Revokes a witness key; its earlier cosignatures stay. Revoking twice changes nothing. */
  async revoke(programId: number, name: string): Promise<AuditWitnessView> {
    return this.db.transaction(async (db) => {
      const row = await this.row(db, programId, name, true);
      if (!row) throw witnessNotFound(name);
      if (row.revoked_at) return view(row);
      const at = new Date();
      await db.query('UPDATE audit_witnesses SET revoked_at = ? WHERE id = ?', [at, row.id]);
      const revoked = { ...row, revoked_at: at };
      await this.leaf(db, programId, 'revoked', revoked, at);
      return view(revoked);
    });
  }

  /**
   * Accepts a witness's cosignature line over the checkpoint of `size`. `created` is false when
   * this witness had already cosigned that checkpoint: the first cosignature stands, nothing changes.
   */
  async cosign(
    programId: number,
    size: number,
    line: string,
  ): Promise<{ created: boolean; checkpoint: AuditCheckpointView }> {
    const parsed = parseCosignature(line);
    if (!parsed.ok) throw new FieldError('signature', parsed.reason);
    const { name, time } = parsed.cosignature;
    // READ COMMITTED after the witness row lock: a concurrent cosignature by the same witness,
    // committed while this one waited, is seen (and this one becomes the idempotent repeat).
    return this.db.transaction('READ COMMITTED', async (db) => {
      // The witness row lock orders this witness's cosignatures and a concurrent revocation.
      const witness = await this.row(db, programId, name, true);
      const checkpoint = await this.checkpoints.ofSize(db, programId, size);
      if (!checkpoint) {
        throw checkpointNotFound(`No signed checkpoint of size ${size}`);
      }
      if (!witness || witness.revoked_at) {
        throw new FieldError(
          'signature',
          witness
            ? `witness ${name} was revoked at ${new Date(witness.revoked_at!).toISOString()}`
            : `no witness key named ${name} is registered`,
        );
      }
      const note = parseNote(checkpoint.note);
      if (!note.ok) throw new Error(`stored checkpoint ${size} is not a note: ${note.reason}`);
      const verified = verifyCosignature(
        { name: witness.name, publicKey: new Uint8Array(witness.public_key) },
        note.body,
        line,
      );
      if (!verified.ok) {
        throw new FieldError(
          'signature',
          `does not verify as ${name}'s cosignature of the checkpoint of size ${size}: ${verified.reason}`,
        );
      }
      if (time > Date.now() / 1000 + COSIGNATURE_MAX_CLOCK_SKEW_S) {
        throw new FieldError('signature', `its time ${time} is in the future`);
      }
      // Already cosigned by this witness (a retry, even a late one): the first cosignature stands.
      if (checkpoint.cosigners.includes(witness.name)) return { created: false, checkpoint };
      const [last]: { size: string | null }[] = await db.query(
        'SELECT MAX(tree_size) AS size FROM audit_cosignatures WHERE witness_id = ?',
        [witness.id],
      );
      if (last.size !== null && size < Number(last.size)) {
        throw witnessWentBack(name, last.size);
      }
      await db.query(
        `INSERT INTO audit_cosignatures (program_id, tree_size, witness_id, cosigned_time, line, received_at)
         VALUES (?, ?, ?, ?, ?, NOW(3))`,
        [programId, size, witness.id, time, line.replace(/\n$/, '')],
      );
      return {
        created: true,
        checkpoint: (await this.checkpoints.ofSize(db, programId, size)) as AuditCheckpointView,
      };
    });
  }

  private async row(
    db: EntityManager,
    programId: number,
    name: string,
    lock = false,
  ): Promise<WitnessRow | undefined> {
    const [row]: WitnessRow[] = await db.query(
      `SELECT * FROM audit_witnesses WHERE program_id = ? AND name = ?${lock ? ' FOR UPDATE' : ''}`,
      [programId, name],
    );
    return row;
  }

  private async leaf(
    db: EntityManager,
    programId: number,
    event: 'added' | 'revoked',
    row: WitnessRow,
    at: Date,
  ): Promise<void> {
    await this.records.append(
      db,
      programId,
      {
        kind: `witness_key_${event}`,
        refId: row.id,
        type: `witness_key_${event}`,
        fields: { witness: { name: row.name, keyId: hexId(row.key_id), vkey: row.vkey } },
      },
      at,
    );
  }
}

function conflictOf(name: string | null): ConflictError {
  return name !== null ? witnessExists(name) : witnessKeyExists();
}
