import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  CHAIN_START,
  residentEntryLeaf,
  type ChainState,
  type KeyedHash,
  type LogHash,
  type ResidentEntryInput,
} from '@tanlian/sdk';
import { createHmac, randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { insertRows, placeholders, type SqlRunner } from '../../database/sql';
import { SealedSecretStores } from '../../secrets/sealed-secret-stores';
import { SecretsKeyring, SecretUnreadable } from '../../secrets/secrets-keyring';
import { UnreadableSecrets } from '../../secrets/unreadable-secrets';
import { privatePart } from '../entry-secrets';
import { AuditLogWriter, type NewLeaf } from './audit-log-writer';

/** One of a resident's keys, opened: entries from `fromSeq` on; `keyId` its public handle. */
export interface OpenedKey {
  fromSeq: number;
  keyId: string;
  key: Buffer;
}

/** One resident's chain while a writer holds it: their key and where the chain stands. */
interface Chain {
  key: Buffer;
  /** Which of the resident's keys it is (its first sequence number). */
  keyFromSeq: number;
  state: ChainState;
  written: number;
}

/**
 * The resident entries a writer appends in one transaction (docs/private-log.md): each resident's
 * chain is locked (after the resident, before the log head), advanced entry by entry as leaves are
 * encoded, and saved before the commit. `entry()` gives the next leaf of a resident.
 */
export class ResidentEntries {
  constructor(
    private readonly programId: number,
    private readonly hash: LogHash,
    private readonly hmac: KeyedHash,
    private readonly chains: Map<number, Chain>,
  ) {}

  /**
   * The resident's next entry as a leaf to append (their chain must be locked). `subjectId`: the
   * row its private part is made of, from which read-models/resident-entries.ts rebuilds it.
   */
  entry(
    residentId: number,
    kind: NewLeaf['kind'],
    refId: number | string,
    subjectId: number | string,
    input: ResidentEntryInput,
  ): NewLeaf {
    const chain = this.chains.get(residentId);
    if (!chain) throw new Error(`resident ${residentId}'s chain is not locked`);
    const { leaf, next } = residentEntryLeaf(
      this.hash,
      this.hmac,
      chain.key,
      chain.state,
      // Every private part names the lots its entry moved, as its leaf shows them.
      { body: input.body, secret: privatePart(input.secret, input.body.transaction) },
      nodeUtf8,
    );
    chain.state = next;
    chain.written++;
    return {
      kind,
      refId,
      // A view of the leaf's bytes, not a copy.
      data: Buffer.from(leaf.data.buffer, leaf.data.byteOffset, leaf.data.byteLength),
      entry: { residentId, seq: leaf.seq, subjectId },
      leafHash: leaf.leafHash,
    };
  }

  /** Chains that moved, as `(resident, next seq, head)`. */
  moved(): { residentId: number; nextSeq: number; head: Buffer; keyFromSeq: number }[] {
    return [...this.chains]
      .filter(([, c]) => c.written > 0)
      .map(([residentId, c]) => ({
        residentId,
        nextSeq: c.state.seq,
        head: Buffer.from(c.state.previousLeafHash),
        keyFromSeq: c.keyFromSeq,
      }));
  }

  get program(): number {
    return this.programId;
  }
}

// Opened keys, by program, resident and first sequence: a resident credits many times a day.
const MAX_CACHED_KEYS = 200_000;

/**
 * Residents' keys and chains (`audit_resident_keys`, `audit_resident_chains`): the audit log's
 * writing side, used by every writer of resident entries (crediting, funding, and redemption).
 */
@Injectable()
export class ResidentChains implements OnModuleInit {
  private readonly keys = new Map<string, Buffer>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly log: AuditLogWriter,
    private readonly keyring: SecretsKeyring,
    private readonly unreadable: UnreadableSecrets,
    private readonly sealedStores: SealedSecretStores,
  ) {}

  onModuleInit(): void {
    this.sealedStores.register({
      kind: 'resident_key',
      list: async () => {
        const rows: { key_id: string; sealed_key: Buffer }[] = await this.dataSource.query(
          'SELECT key_id, sealed_key FROM audit_resident_keys ORDER BY key_id',
        );
        return rows.map((r) => ({ id: r.key_id, sealed: r.sealed_key }));
      },
      replace: async (id, previous, next) => {
        const result: { affectedRows: number } = await this.dataSource.query(
          'UPDATE audit_resident_keys SET sealed_key = ? WHERE key_id = ? AND sealed_key = ?',
          [next, id, previous],
        );
        return result.affectedRows === 1;
      },
    });
  }

  /**
   * Locks the residents' chains (FOR UPDATE, in id order), creating a key and an empty chain for a
   * resident's first entry. The caller holds each resident's own lock already, or takes these in
   * id order before the log head, so writers of one resident queue here and never deadlock.
   */
  async lock(
    db: EntityManager,
    programId: number,
    residentIds: number[],
  ): Promise<ResidentEntries> {
    const ids = [...new Set(residentIds)].sort((a, b) => a - b);
    const chains = new Map<number, Chain>();
    const { hash } = (await this.log.programOf(db, programId)).hashes;
    const hmac = nodeKeyedHash(hash);
    if (ids.length === 0) return new ResidentEntries(programId, hash, hmac, chains);
    let rows = await this.lockRows(db, programId, ids);
    const found = new Set(rows.map((r) => Number(r.resident_id)));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length > 0) {
      await this.create(db, programId, missing);
      rows = await this.lockRows(db, programId, ids);
    }
    const keys = await this.keysOf(db, programId, rows);
    for (const r of rows)
      chains.set(Number(r.resident_id), {
        key: keys.get(Number(r.resident_id)) as Buffer,
        keyFromSeq: Number(r.key_from_seq),
        state: { seq: Number(r.next_seq), previousLeafHash: r.head },
        written: 0,
      });
    return new ResidentEntries(programId, hash, hmac, chains);
  }

  /** Every key of the resident, opened, each with the sequence number it signs from. */
  async keysOfResident(programId: number, residentId: number): Promise<OpenedKey[]> {
    const [listed] = await this.openKeys(programId, [residentId]);
    return listed?.keys ?? [];
  }

  /**
   * The program's residents that have keys, by resident id from the `after`-th on (at most
   * `limit`), each with every key opened and its id: for the bureau's replay (the viewing key).
   */
  async keysOfProgram(
    programId: number,
    after: number,
    limit: number,
  ): Promise<{ residentId: number; keys: OpenedKey[] }[]> {
    const ids: { resident_id: number }[] = await this.dataSource.query(
      `SELECT DISTINCT resident_id FROM audit_resident_keys WHERE program_id = ?
        ORDER BY resident_id LIMIT ? OFFSET ?`,
      [programId, limit, after],
    );
    return this.openKeys(
      programId,
      ids.map((r) => Number(r.resident_id)),
    );
  }

  /** The residents' keys, opened, oldest first; residents without keys are left out. */
  private async openKeys(
    programId: number,
    residentIds: number[],
  ): Promise<{ residentId: number; keys: OpenedKey[] }[]> {
    if (residentIds.length === 0) return [];
    const rows: { resident_id: number; from_seq: string; key_id: string; sealed_key: Buffer }[] =
      await this.dataSource.query(
        `SELECT resident_id, from_seq, key_id, sealed_key FROM audit_resident_keys
          WHERE program_id = ? AND resident_id IN (${placeholders(residentIds)})
          ORDER BY resident_id, from_seq`,
        [programId, ...residentIds],
      );
    const byResident = new Map<number, OpenedKey[]>();
    for (const r of rows) {
      const keys = byResident.get(Number(r.resident_id)) ?? [];
      keys.push({ fromSeq: Number(r.from_seq), keyId: r.key_id, key: this.open(r) });
      byResident.set(Number(r.resident_id), keys);
    }
    return [...byResident].map(([residentId, keys]) => ({ residentId, keys }));
  }

  /** Saves where the chains stand; in the transaction that appends their leaves. */
  async save(db: SqlRunner, entries: ResidentEntries): Promise<void> {
    const moved = entries.moved();
    if (moved.length === 0) return;
    // The rows exist (lock made them): an upsert touches exactly them by primary key. (An UPDATE
    // joined to the new values let MariaDB scan the program's chains and lock those of residents
    // another batch holds: a deadlock with four batches at once.)
    await insertRows(
      db,
      'audit_resident_chains',
      ['program_id', 'resident_id', 'next_seq', 'head', 'key_from_seq'],
      moved.map((m) => [entries.program, m.residentId, m.nextSeq, m.head, m.keyFromSeq]),
      'ON DUPLICATE KEY UPDATE next_seq = VALUES(next_seq), head = VALUES(head)',
    );
  }

  private lockRows(
    db: SqlRunner,
    programId: number,
    ids: number[],
  ): Promise<{ resident_id: number; next_seq: string; head: Buffer; key_from_seq: string }[]> {
    return db.query(
      `SELECT resident_id, next_seq, head, key_from_seq FROM audit_resident_chains
        WHERE program_id = ? AND resident_id IN (${placeholders(ids)})
        ORDER BY resident_id FOR UPDATE`,
      [programId, ...ids],
    );
  }

  /** Opens the chains' current keys, reading only those not opened before by this process. */
  private async keysOf(
    db: SqlRunner,
    programId: number,
    rows: { resident_id: number; key_from_seq: string }[],
  ): Promise<Map<number, Buffer>> {
    const cacheKey = (residentId: number, fromSeq: string | number) =>
      `${programId}|${Number(residentId)}|${Number(fromSeq)}`;
    const keys = new Map<number, Buffer>();
    const missing: { resident_id: number; key_from_seq: string }[] = [];
    for (const r of rows) {
      const key = this.keys.get(cacheKey(r.resident_id, r.key_from_seq));
      if (key) keys.set(Number(r.resident_id), key);
      else missing.push(r);
    }
    if (missing.length === 0) return keys;
    const sealed: { resident_id: number; from_seq: string; key_id: string; sealed_key: Buffer }[] =
      await db.query(
        `SELECT resident_id, from_seq, key_id, sealed_key FROM audit_resident_keys
          WHERE program_id = ? AND (resident_id, from_seq) IN (${missing.map(() => '(?, ?)').join(', ')})`,
        [programId, ...missing.flatMap((r) => [r.resident_id, r.key_from_seq])],
      );
    if (this.keys.size + sealed.length > MAX_CACHED_KEYS) this.keys.clear();
    for (const k of sealed) {
      const key = this.open(k);
      this.keys.set(cacheKey(k.resident_id, k.from_seq), key);
      keys.set(Number(k.resident_id), key);
    }
    for (const r of missing)
      if (!keys.has(Number(r.resident_id)))
        throw new Error(`resident ${r.resident_id} has no key from ${r.key_from_seq}`);
    return keys;
  }

  /**
   * Rotates the resident's key (a leaked key, docs/private-log.md): a fresh random key signs their
   * entries from the chain's next sequence number on; the old ones keep opening the entries before.
   * Under the chain's lock, so no writer is between encoding an entry and saving the chain.
   */
  async rotate(
    programId: number,
    residentId: number,
  ): Promise<{ keyId: string; fromSeq: number } | 'no_chain' | 'unused'> {
    return this.dataSource.transaction(async (db) => {
      const [chain] = await this.lockRows(db, programId, [residentId]);
      if (!chain) return 'no_chain';
      const fromSeq = Number(chain.next_seq);
      // A key that signed nothing yet is not replaced in place: other processes cache keys by
      // their first sequence number.
      if (Number(chain.key_from_seq) === fromSeq) return 'unused';
      const keyId = `rk_${randomBytes(8).toString('hex')}`;
      await insertRows(
        db,
        'audit_resident_keys',
        ['program_id', 'resident_id', 'from_seq', 'key_id', 'sealed_key', 'created_at'],
        [[programId, residentId, fromSeq, keyId, this.keyring.seal(randomBytes(32)), new Date()]],
      );
      await db.query(
        'UPDATE audit_resident_chains SET key_from_seq = ? WHERE program_id = ? AND resident_id = ?',
        [fromSeq, programId, residentId],
      );
      return { keyId, fromSeq };
    });
  }

  /** A random key and an empty chain per resident; IGNORE: a concurrent writer may create them first. */
  private async create(db: SqlRunner, programId: number, ids: number[]): Promise<void> {
    const now = new Date();
    await insertRows(
      db,
      'audit_resident_keys',
      ['program_id', 'resident_id', 'from_seq', 'key_id', 'sealed_key', 'created_at'],
      ids.map((id) => [
        programId,
        id,
        0,
        `rk_${randomBytes(8).toString('hex')}`,
        this.keyring.seal(randomBytes(32)),
        now,
      ]),
      '',
      'INSERT IGNORE',
    );
    await insertRows(
      db,
      'audit_resident_chains',
      ['program_id', 'resident_id', 'next_seq', 'head', 'key_from_seq'],
      ids.map((id) => [programId, id, 0, Buffer.from(CHAIN_START), 0]),
      '',
      'INSERT IGNORE',
    );
  }

  private open(row: { key_id: string; sealed_key: Buffer }): Buffer {
    try {
      return this.keyring.open(row.sealed_key);
    } catch (err) {
      // Without the key no entry of this resident can be written: the writer fails and retries.
      if (err instanceof SecretUnreadable) this.unreadable.report('resident_key', row.key_id, err);
      throw err;
    }
  }
}

/** Text as UTF-8 through Node: what the sdk's pure encoder gives, several times faster. */
const nodeUtf8 = (text: string): Uint8Array => Buffer.from(text, 'utf8');

/** HMAC under the log's hash through node:crypto (the sdk's pure one gives the same bytes). */
export function nodeKeyedHash(hash: LogHash): KeyedHash {
  return (key, message) => createHmac(hash.name, key).update(message).digest();
}
