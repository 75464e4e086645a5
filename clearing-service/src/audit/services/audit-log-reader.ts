import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AUDIT_SEALING_PROMISE_S,
  tileFormatOf,
  type AuditConsistencyProofView,
  type AuditInclusionProofView,
  type AuditKeysView,
  type AuditLeavesView,
} from '@tanlian/sdk';
import { DataSource } from 'typeorm';
import { ShortLivedCache } from '../../cache/short-lived-cache';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { FieldError } from '../../http/domain-error';
import { checkpointNotFound, leafNotFound, leafNotSealed } from '../audit-errors';
import type { Program } from '../../tenancy/entities/program.entity';
import { nodeLogHash, treeHashes } from '../tree/log-hash';
import { AuditCheckpoints } from './audit-checkpoints';
import { checkpointOrigin } from './audit-integrator';
import { AuditSigningKeys } from './audit-signing-keys';
import { AuditTreeStore } from './audit-tree-store';
import type { LeafKind } from './audit-log-writer';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** The public, read-only side of the audit log: checkpoints, keys, leaves and proofs. */
@Injectable()
export class AuditLogReader {
  private readonly signedSizes = new ShortLivedCache<number>(250);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly signingKeys: AuditSigningKeys,
    private readonly store: AuditTreeStore,
    private readonly checkpoints: AuditCheckpoints,
  ) {}

  /**
   * The log's own keys, from its registry, and whether it is being signed; the controller adds
   * the witnesses (AuditWitnesses).
   */
  async keys(program: Program): Promise<Omit<AuditKeysView, 'witnesses'>> {
    const [keys, [latest]] = await Promise.all([
      this.signingKeys.ofLog(program.id),
      this.db.query(
        `SELECT c.key_name,
                TIMESTAMPDIFF(MICROSECOND, l.created_at, NOW(3)) / 1e6 AS unsealed_age
           FROM audit_log_heads h
           LEFT JOIN audit_checkpoints c ON c.program_id = h.program_id
                 AND c.tree_size = (SELECT MAX(tree_size) FROM audit_checkpoints WHERE program_id = h.program_id)
           LEFT JOIN audit_leaves l ON l.program_id = h.program_id AND l.leaf_index = COALESCE(c.tree_size, 0)
          WHERE h.program_id = ?`,
        [program.id],
      ) as Promise<{ key_name: string | null; unsealed_age: string | null }[]>,
    ]);
    const age = Math.max(0, Number(latest?.unsealed_age ?? 0));
    const pending = latest?.unsealed_age !== null && latest?.unsealed_age !== undefined;
    return {
      origin: checkpointOrigin(this.config.audit.originPrefix, program.code, program.auditHash),
      hash: program.auditHash,
      tiles: tileFormatOf(program.auditHash),
      signer: latest?.key_name ?? null,
      sealing: {
        status: !pending ? 'sealed' : age <= AUDIT_SEALING_PROMISE_S ? 'sealing' : 'unsigned',
        unsealedAgeSeconds: Math.round(age * 1000) / 1000,
      },
      keys: keys.map((k) => ({
        name: k.name,
        keyId: k.keyId,
        vkey: k.vkey,
        state: k.state,
        genesis: k.genesis,
        activatedAt: k.activatedIndex,
        retiredAt: k.retiredIndex,
      })),
    };
  }

  /** The latest signed checkpoint; its note carries the witnesses' cosignatures. */
  async latestCheckpoint(programId: number): Promise<{ size: number; note: string } | null> {
    const latest = await this.checkpoints.latest(programId);
    return latest ? { size: latest.treeSize, note: latest.note } : null;
  }

  async checkpointNote(program: Program): Promise<string> {
    const latest = await this.latestCheckpoint(program.id);
    if (!latest) {
      throw checkpointNotFound(`No checkpoint of ${program.code} yet`);
    }
    return latest.note;
  }

  /**
   * The latest signed size, cached briefly: every proof request checks its size against it. A
   * size above the cached value is checked again against the database before it is refused.
   */
  private signedSize(program: Program, fresh = false): Promise<number> {
    const key = String(program.id);
    if (fresh) this.signedSizes.invalidate(key);
    return this.signedSizes.get(key, () =>
      this.checkpoints.latestSize(this.db.manager, program.id),
    );
  }

  /**
   * The latest signed size, read again from the database before it is found below `size`: a
   * checkpoint signed within the cache's 250 ms is never refused.
   */
  async signedSizeFor(program: Program, size: number): Promise<number> {
    const signed = await this.signedSize(program);
    return size > signed ? this.signedSize(program, true) : signed;
  }

  private async withinSigned(program: Program, field: string, size: number): Promise<void> {
    const signed = await this.signedSizeFor(program, size);
    if (size > signed) {
      throw new FieldError(field, `must be at most the latest checkpoint size ${signed}`);
    }
  }

  async inclusion(program: Program, index: number, size: number): Promise<AuditInclusionProofView> {
    if (size < 1) throw new FieldError('size', 'must be at least 1');
    await this.withinSigned(program, 'size', size);
    if (index >= size) throw new FieldError('index', `must be less than size ${size}`);
    return this.inclusionView(program, index, size);
  }

  async consistency(
    program: Program,
    from: number,
    to: number,
  ): Promise<AuditConsistencyProofView> {
    if (from < 1) throw new FieldError('from', 'must be at least 1');
    if (from > to) throw new FieldError('from', `must be at most to (${to})`);
    await this.withinSigned(program, 'to', to);
    const h = treeHashes(nodeLogHash(program.auditHash));
    const { proof } = await this.store.consistency(this.db.manager, program.id, from, to, h);
    return { from, to, proof: proof.map(b64) };
  }

  async leaves(
    program: Program,
    start: number,
    end: number,
    page: number,
  ): Promise<AuditLeavesView> {
    if (end < start) throw new FieldError('end', `must be at least start (${start})`);
    if (end - start > page) throw new FieldError('end', `must be at most start + ${page}`);
    await this.withinSigned(program, 'end', end);
    const rows: { leaf_index: string; kind: string; leaf_data: Buffer }[] =
      end === start
        ? []
        : await this.db.query(
            `SELECT leaf_index, kind, leaf_data FROM audit_leaves
              WHERE program_id = ? AND leaf_index >= ? AND leaf_index < ? ORDER BY leaf_index`,
            [program.id, start, end],
          );
    return {
      start,
      end,
      leaves: rows.map((r) => ({
        index: Number(r.leaf_index),
        kind: r.kind,
        data: b64(r.leaf_data),
      })),
    };
  }

  /** The inclusion proof of the leaf a ledger transaction or reduction wrote. */
  async byRef(
    program: Program,
    kind: LeafKind,
    refId: number,
    size: number | undefined,
  ): Promise<AuditInclusionProofView> {
    const [leaf]: { leaf_index: string }[] = await this.db.query(
      'SELECT leaf_index FROM audit_leaves WHERE program_id = ? AND kind = ? AND ref_id = ?',
      [program.id, kind, refId],
    );
    if (!leaf) throw leafNotFound(kind, refId);
    const index = Number(leaf.leaf_index);
    if (size === undefined) {
      size = await this.signedSize(program);
      if (index >= size) {
        throw leafNotSealed(index);
      }
    }
    return this.inclusion(program, index, size);
  }

  private async inclusionView(program: Program, index: number, size: number) {
    const h = treeHashes(nodeLogHash(program.auditHash));
    const { leafHash, proof, leafData } = await this.store.publicInclusion(
      this.db.manager,
      program.id,
      index,
      size,
      h,
    );
    if (!leafData) throw new Error(`leaf ${index} of program ${program.code} has no row`);
    return {
      leafIndex: index,
      treeSize: size,
      leafData: b64(leafData),
      leafHash: b64(leafHash),
      proof: proof.map(b64),
    };
  }
}
