import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { formatCheckpoint, logHashByName, signNote, verifyConsistency } from '@tanlian/sdk';
import { DataSource, type EntityManager } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { PeriodicTask } from '../../schedule/periodic-task';
import { appendLeaves, frontierPlan, lookupIn } from '../tree/tree-plan';
import { AuditKeyring, type HeldKey } from './audit-keyring';
import { AuditLogWriter } from './audit-log-writer';
import { AuditSigningKeys, isEstablished } from './audit-signing-keys';
import { AuditTreeStore } from './audit-tree-store';

/**
 * At most this many leaves per integration transaction (one checkpoint each). Under normal load
 * a round seals what the last second brought; a backlog (the integrator was stopped, a burst)
 * is sealed in large steps, since each transaction and signature has a fixed cost.
 */
export const INTEGRATION_BATCH = 4096;

/** The stored tree no longer extends the last signed checkpoint: the signer refuses, nothing changes. */
export class CheckpointRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointRefused';
  }
}

export type IntegrationResult =
  | { status: 'busy' | 'idle' }
  | { status: 'unsigned'; reason: string }
  | { status: 'signed'; size: number; leaves: number };

/** How often a log this worker cannot sign is mentioned in its log. */
const UNSIGNED_NOTICE_MS = 60_000;

export function checkpointOrigin(prefix: string, programCode: string, hash: string): string {
  return `${prefix}/${programCode}/${hash}`;
}

/**
 * Seals a program's new audit leaves into the Merkle tree and a signed checkpoint. One transaction
 * per batch: lock the program's integrator row (FOR UPDATE SKIP LOCKED: another worker holding it
 * means this one skips the program this round), hash the leaves past integrated_size, store every
 * newly complete subtree, advance integrated_size, check consistency with the last signed
 * checkpoint and sign the new one. A PeriodicTask in the worker (not a BullMQ job) drives it, so
 * losing Redis cannot stop sealing.
 */
@Injectable()
export class AuditIntegrator implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('audit-integrator');
  private readonly task = new PeriodicTask('audit-integrator', this.logger);
  /** Logs known to have a registered key (a first signer need not be registered). */
  private readonly keyed = new Set<number>();
  private readonly noticed = new Map<number, number>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly keyring: AuditKeyring,
    private readonly store: AuditTreeStore,
    private readonly log: AuditLogWriter,
    private readonly signingKeys: AuditSigningKeys,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Logs that exist at start get their first key now, before any new leaf: its genesis leaf
    // then comes first, not at whichever point of the traffic the first round falls.
    try {
      const keyless: { program_id: number }[] = await this.dataSource.query(
        `SELECT h.program_id FROM audit_log_heads h
          WHERE NOT EXISTS (SELECT 1 FROM audit_signing_keys k WHERE k.program_id = h.program_id)`,
      );
      for (const { program_id } of keyless) await this.ensureKeyed(program_id);
    } catch (err) {
      this.logger.error(`cannot register first signing keys: ${(err as Error).message}`);
    }
    this.task.start(this.config.audit.integrateIntervalMs, () => this.integrateAll());
  }

  /** A new log's first key is the first signer's, announced in the log (its genesis leaf). */
  private async ensureKeyed(programId: number): Promise<void> {
    if (this.keyed.has(programId)) return;
    const preferred = this.keyring.held[0];
    if (preferred) await this.signingKeys.registerFirstSigner(programId, preferred.verifier);
    this.keyed.add(programId);
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** Every program with leaves past its integrated size, until caught up (or refused). */
  async integrateAll(): Promise<void> {
    const pending: { program_id: number }[] = await this.dataSource.query(
      `SELECT h.program_id FROM audit_log_heads h
         LEFT JOIN audit_integrators i ON i.program_id = h.program_id
        WHERE h.next_index > COALESCE(i.integrated_size, 0)`,
    );
    for (const { program_id } of pending) {
      // One program's failure (a refused checkpoint, a lost connection) does not hold up the rest.
      try {
        let result = await this.integrate(program_id);
        while (result.status === 'signed' && result.leaves === INTEGRATION_BATCH) {
          result = await this.dataSource.transaction((db) => this.integrateLocked(db, program_id));
        }
      } catch (err) {
        this.logger.error(`program ${program_id}: ${(err as Error).message}`);
      }
    }
  }

  /** Integrates and signs up to INTEGRATION_BATCH leaves of one program. */
  async integrate(programId: number): Promise<IntegrationResult> {
    // Outside the transaction: a duplicate-key check would wait on another worker's row lock.
    await this.dataSource.query(
      'INSERT IGNORE INTO audit_integrators (program_id, integrated_size, updated_at) VALUES (?, 0, NOW(3))',
      [programId],
    );
    await this.ensureKeyed(programId);
    const result = await this.dataSource.transaction((db) => this.integrateLocked(db, programId));
    if (result.status === 'unsigned') this.notice(programId, result.reason);
    return result;
  }

  private notice(programId: number, reason: string): void {
    const last = this.noticed.get(programId) ?? 0;
    if (Date.now() - last < UNSIGNED_NOTICE_MS) return;
    this.noticed.set(programId, Date.now());
    this.logger.warn(`program ${programId}: signing nothing: ${reason}`);
  }

  /**
   * The first held key the log's registry lists as active and established; or why there is none.
   * Read in the integration's snapshot, with the leaves: a retirement among them is seen too.
   */
  private async signerFor(
    db: EntityManager,
    programId: number,
    signedSize: number,
  ): Promise<HeldKey | string> {
    const registered = await this.signingKeys.ofLog(programId, db);
    for (const held of this.keyring.held) {
      const key = registered.find((k) => k.vkey === held.vkey);
      if (key && isEstablished(key, signedSize)) return held;
    }
    const names = this.keyring.held.map((k) => `${k.name}+${k.keyId}`).join(', ');
    if (registered.length === 0)
      return `the log has no registered key (this worker holds ${names})`;
    const pending = registered.find(
      (k) => k.state === 'active' && this.keyring.held.some((h) => h.vkey === k.vkey),
    );
    if (pending) {
      return `${pending.name} is active but its activation (leaf ${pending.activatedIndex}) is not yet covered by a checkpoint of a key trusted before; this worker holds no such key (${names})`;
    }
    const active = registered.filter((k) => k.state === 'active').map((k) => k.name);
    return `this worker holds ${names}, none of them registered and active for the log (active: ${active.join(', ') || 'none'}); register and activate one with \`npm run cli -- audit-key:add\``;
  }

  private async integrateLocked(db: EntityManager, programId: number): Promise<IntegrationResult> {
    const [lock]: { integrated_size: string }[] = await db.query(
      'SELECT integrated_size FROM audit_integrators WHERE program_id = ? FOR UPDATE SKIP LOCKED',
      [programId],
    );
    if (!lock) return { status: 'busy' };
    const size = Number(lock.integrated_size);
    // The leaf hash its writer stored; the data only for rows from before leaf hashes were stored.
    const rows: {
      leaf_index: string;
      leaf_hash: Buffer | null;
      leaf_data: Buffer | null;
      created_at: Date;
    }[] = await db.query(
      `SELECT leaf_index, leaf_hash, IF(leaf_hash IS NULL, leaf_data, NULL) AS leaf_data, created_at
         FROM audit_leaves
        WHERE program_id = ? AND leaf_index >= ? ORDER BY leaf_index LIMIT ?`,
      [programId, size, INTEGRATION_BATCH],
    );
    // Writers commit leaves in index order under the head lock; stop at any gap all the same.
    let count = 0;
    while (count < rows.length && Number(rows[count].leaf_index) === size + count) count++;
    if (count === 0) return { status: 'idle' };
    const leaves = rows.slice(0, count);

    const [last]: { tree_size: string; root_hash: Buffer }[] = await db.query(
      'SELECT tree_size, root_hash FROM audit_checkpoints WHERE program_id = ? ORDER BY tree_size DESC LIMIT 1',
      [programId],
    );
    const signer = await this.signerFor(db, programId, last ? Number(last.tree_size) : 0);
    if (typeof signer === 'string') return { status: 'unsigned', reason: signer };

    const program = await this.log.programOf(db, programId);
    const h = program.hashes;
    const frontier = frontierPlan(size);
    const created = appendLeaves(
      size,
      leaves.map((l) => l.leaf_hash ?? h.leaf(l.leaf_data!)),
      lookupIn(await this.store.fetch(db, programId, frontier)),
      h.node,
    );
    await this.store.save(db, programId, created);
    const newSize = size + count;
    await db.query(
      'UPDATE audit_integrators SET integrated_size = ?, updated_at = NOW(3) WHERE program_id = ?',
      [newSize, programId],
    );

    // The new root and, against the last signed checkpoint, the consistency proof: both from the
    // stored subtrees, checked with the sdk's verifier before anything is signed.
    let root: Uint8Array;
    if (last && Number(last.tree_size) > 0) {
      const lastSize = Number(last.tree_size);
      const consistency = await this.store.consistency(db, programId, lastSize, newSize, h);
      root = consistency.root;
      const check = verifyConsistency(
        logHashByName(program.auditHash)!,
        lastSize,
        newSize,
        consistency.proof,
        last.root_hash,
        root,
      );
      if (!check.ok) {
        throw new CheckpointRefused(
          `refusing to sign ${program.code} at size ${newSize}: not consistent with the signed checkpoint at size ${lastSize} (${check.reason})`,
        );
      }
    } else {
      root = await this.store.root(db, programId, newSize, h);
    }

    const signedAt = new Date();
    const body = formatCheckpoint({
      origin: checkpointOrigin(this.config.audit.originPrefix, program.code, program.auditHash),
      size: newSize,
      rootHash: root,
    });
    const note = signNote(body, signer.signer);
    const oldest = Math.min(...leaves.map((l) => new Date(l.created_at).getTime()));
    await db.query(
      `INSERT INTO audit_checkpoints (program_id, tree_size, root_hash, note, key_name, signed_at, lag_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [
        programId,
        newSize,
        Buffer.from(root),
        note,
        signer.name,
        signedAt,
        Math.max(0, signedAt.getTime() - oldest),
      ],
    );
    return { status: 'signed', size: newSize, leaves: count };
  }
}
