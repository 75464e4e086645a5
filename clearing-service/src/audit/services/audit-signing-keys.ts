import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { parseVerifierKey, type NoteVerifierKey } from '@tanlian/sdk';
import { DataSource, type EntityManager } from 'typeorm';
import { isDuplicateKey } from '../../database/mysql-errors';
import { ConflictError, FieldError } from '../../http/domain-error';
import {
  logHasSigningKeys,
  noOtherSigningKey,
  signingKeyExists,
  signingKeyNotFound,
  signingKeyRetired,
} from '../audit-errors';
import { SealedSecretStores } from '../../secrets/sealed-secret-stores';
import {
  announcedKey,
  signingKeyLeafFields,
  type AnnouncedKey,
  type SigningKeyLeafType,
} from '../signing-key-leaf';
import { AuditCheckpoints } from './audit-checkpoints';
import { AuditLogWriter } from './audit-log-writer';
import { AuditRecords } from './audit-records';

export type SigningKeyState = 'registered' | 'active' | 'retired';

/** One checkpoint key of one log, as the registry holds it. */
export interface SigningKey extends AnnouncedKey {
  id: number;
  state: SigningKeyState;
  genesis: boolean;
  publicKey: Uint8Array;
  activatedIndex: number | null;
  retiredIndex: number | null;
}

interface SigningKeyRow {
  id: number;
  name: string;
  key_id: string;
  vkey: string;
  state: SigningKeyState;
  genesis: number;
  activated_index: string | null;
  retired_index: string | null;
}

/**
 * The registry of each log's checkpoint keys: the one source of truth for which keys may sign
 * (the worker) and which are published (the api). Every change writes a leaf in the same
 * transaction, so the log itself announces its keys and a verifier can follow a rotation.
 */
@Injectable()
export class AuditSigningKeys implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly log: AuditLogWriter,
    private readonly records: AuditRecords,
    private readonly checkpoints: AuditCheckpoints,
    private readonly sealedStores: SealedSecretStores,
  ) {}

  onModuleInit(): void {
    // The development key's seed (AuditKeyring) is sealed like every other secret.
    this.sealedStores.register({
      kind: 'development_signing_key',
      list: async () => {
        const rows: { sealed_seed: Buffer }[] = await this.dataSource.query(
          'SELECT sealed_seed FROM audit_development_key',
        );
        return rows.map((r) => ({ id: '1', sealed: r.sealed_seed }));
      },
      replace: async (_id, previous, next) => {
        const result: { affectedRows: number } = await this.dataSource.query(
          'UPDATE audit_development_key SET sealed_seed = ? WHERE id = 1 AND sealed_seed = ?',
          [next, previous],
        );
        return result.affectedRows === 1;
      },
    });
  }

  async ofLog(
    programId: number,
    db: EntityManager = this.dataSource.manager,
  ): Promise<SigningKey[]> {
    const rows: SigningKeyRow[] = await db.query(
      `SELECT id, name, key_id, vkey, state, genesis, activated_index, retired_index
         FROM audit_signing_keys WHERE program_id = ? ORDER BY id`,
      [programId],
    );
    return rows.map(toSigningKey);
  }

  /**
   * Announces a key (state registered): published from now on, signs nothing until activated.
   * Registering the same key again changes nothing. `genesis` registers and activates the first
   * key of a log that has none yet (its earlier checkpoints, if any, are signed by it).
   */
  async register(programId: number, vkey: string, genesis = false): Promise<SigningKey> {
    const key = parseKey(vkey);
    const announced = announcedKey(key);
    return this.dataSource.transaction(async (db) => {
      await this.log.lockHead(db, programId);
      const keys = await this.ofLog(programId, db);
      const same = keys.find((k) => k.name === announced.name);
      if (same) {
        if (same.vkey !== announced.vkey) {
          throw signingKeyExists(
            `The log already has a key named ${announced.name} (${same.keyId}); choose another name`,
          );
        }
        if (genesis && !same.genesis) {
          throw signingKeyExists(`${announced.name} is registered, but not as genesis`);
        }
        return same;
      }
      if (genesis && keys.length > 0) {
        throw logHasSigningKeys();
      }
      try {
        await db.query(
          `INSERT INTO audit_signing_keys (program_id, name, key_id, vkey, state, genesis, registered_at)
           VALUES (?, ?, ?, ?, ?, ?, NOW(3))`,
          [
            programId,
            announced.name,
            announced.keyId,
            announced.vkey,
            genesis ? 'active' : 'registered',
            genesis,
          ],
        );
      } catch (err) {
        if (isDuplicateKey(err)) throw signingKeyExists(`${announced.name} exists`);
        throw err;
      }
      const row = (await this.ofLog(programId, db)).find((k) => k.name === announced.name)!;
      if (genesis) {
        const index = await this.record(db, programId, 'checkpoint_key_activated', row, true);
        await db.query('UPDATE audit_signing_keys SET activated_index = ? WHERE id = ?', [
          index,
          row.id,
        ]);
        return { ...row, activatedIndex: index };
      }
      await this.record(db, programId, 'checkpoint_key_registered', row, false);
      return row;
    });
  }

  /**
   * The first key of a log with none and no checkpoint yet: the worker's own, as it is about to
   * sign the log's first checkpoint (a verifier pins whatever key signs first). False when the
   * log has keys, or has checkpoints of an unregistered key, which only an admin can resolve.
   */
  async registerFirstSigner(programId: number, key: NoteVerifierKey): Promise<boolean> {
    const [signed]: { n: string }[] = await this.dataSource.query(
      'SELECT COUNT(*) AS n FROM audit_checkpoints WHERE program_id = ?',
      [programId],
    );
    if (Number(signed.n) > 0) return false;
    try {
      const registered = await this.register(programId, announcedKey(key).vkey, true);
      return registered.genesis;
    } catch (err) {
      if (err instanceof ConflictError) return false; // another worker's key got there first
      throw err;
    }
  }

  /** Lets a registered key sign; it does so once a checkpoint by a key trusted before covers this. */
  async activate(programId: number, name: string): Promise<SigningKey> {
    return this.dataSource.transaction(async (db) => {
      await this.log.lockHead(db, programId);
      const key = await this.named(db, programId, name);
      if (key.state === 'active') return key;
      if (key.state === 'retired') {
        throw signingKeyRetired(name);
      }
      const index = await this.record(db, programId, 'checkpoint_key_activated', key, false);
      await db.query(
        "UPDATE audit_signing_keys SET state = 'active', activated_index = ? WHERE id = ?",
        [index, key.id],
      );
      return { ...key, state: 'active', activatedIndex: index };
    });
  }

  /**
   * Stops a key signing: it stays published, trusted for checkpoints up to its retirement leaf.
   * Refused unless another active key is established (its activation already signed over), so the
   * log never goes without a key that can sign.
   */
  async retire(programId: number, name: string): Promise<SigningKey> {
    return this.dataSource.transaction(async (db) => {
      await this.log.lockHead(db, programId);
      const key = await this.named(db, programId, name);
      if (key.state === 'retired') return key;
      const signedSize = await this.checkpoints.latestSize(db, programId);
      const others = (await this.ofLog(programId, db)).filter(
        (k) => k.id !== key.id && k.state === 'active',
      );
      if (!others.some((k) => isEstablished(k, signedSize))) {
        const waiting = others.find((k) => k.activatedIndex !== null);
        throw noOtherSigningKey(
          waiting
            ? `Retiring ${name} would leave no key that can sign: ${waiting.name} signs once a checkpoint covers its activation (leaf ${waiting.activatedIndex}; the latest checkpoint has ${signedSize} leaves). Try again in a few seconds`
            : `Retiring ${name} would leave no key that can sign: register and activate another key first`,
        );
      }
      const index = await this.record(db, programId, 'checkpoint_key_retired', key, false);
      await db.query(
        "UPDATE audit_signing_keys SET state = 'retired', retired_index = ? WHERE id = ?",
        [index, key.id],
      );
      return { ...key, state: 'retired', retiredIndex: index };
    });
  }

  private async named(db: EntityManager, programId: number, name: string): Promise<SigningKey> {
    const key = (await this.ofLog(programId, db)).find((k) => k.name === name || k.keyId === name);
    if (!key) throw signingKeyNotFound(name);
    return key;
  }

  private record(
    db: EntityManager,
    programId: number,
    type: SigningKeyLeafType,
    key: SigningKey,
    genesis: boolean,
  ): Promise<number> {
    return this.records.append(db, programId, {
      kind: type,
      refId: key.id,
      type,
      fields: signingKeyLeafFields(key, genesis),
    });
  }
}

/**
 * May sign a checkpoint after `signedSize`: active, and either the genesis key or activated by a
 * leaf that a checkpoint already covers (so verifiers learned it from a key they trust).
 */
export function isEstablished(key: SigningKey, signedSize: number): boolean {
  if (key.state !== 'active') return false;
  return key.genesis || (key.activatedIndex !== null && key.activatedIndex < signedSize);
}

function parseKey(vkey: string): NoteVerifierKey {
  const parsed = parseVerifierKey(vkey);
  if (!parsed.ok)
    throw new FieldError('vkey', `is not an Ed25519 note verifier key: ${parsed.reason}`);
  return { name: parsed.key.name, publicKey: parsed.key.publicKey };
}

function toSigningKey(row: SigningKeyRow): SigningKey {
  const parsed = parseVerifierKey(row.vkey);
  if (!parsed.ok) throw new Error(`stored signing key ${row.name} is malformed: ${parsed.reason}`);
  return {
    id: row.id,
    name: row.name,
    keyId: row.key_id,
    vkey: row.vkey,
    state: row.state,
    genesis: Boolean(row.genesis),
    publicKey: parsed.key.publicKey,
    activatedIndex: row.activated_index === null ? null : Number(row.activated_index),
    retiredIndex: row.retired_index === null ? null : Number(row.retired_index),
  };
}
