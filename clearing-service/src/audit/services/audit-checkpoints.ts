import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  appendCosignatures,
  type AuditCheckpointsView,
  type AuditCheckpointView,
} from '@tanlian/sdk';
import { DataSource, type EntityManager } from 'typeorm';

interface CheckpointRow {
  tree_size: string;
  root_hash: Buffer;
  note: string;
  signed_at: Date;
}

/**
 * Signed checkpoints as served: the log's note followed by the witnesses' accepted cosignature
 * lines, sorted by witness name (a note is byte-stable whatever order they arrived in).
 */
@Injectable()
export class AuditCheckpoints {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The latest signed tree size (0 before the first checkpoint), read in `db`'s snapshot. */
  async latestSize(db: EntityManager, programId: number): Promise<number> {
    const [row]: { size: string | null }[] = await db.query(
      'SELECT MAX(tree_size) AS size FROM audit_checkpoints WHERE program_id = ?',
      [programId],
    );
    return Number(row.size ?? 0);
  }

  /** The latest checkpoint with its cosignatures, or null before the first one. */
  async latest(programId: number): Promise<AuditCheckpointView | null> {
    const rows: CheckpointRow[] = await this.db.query(
      `SELECT tree_size, root_hash, note, signed_at FROM audit_checkpoints
        WHERE program_id = ? ORDER BY tree_size DESC LIMIT 1`,
      [programId],
    );
    return (await this.views(this.db.manager, programId, rows))[0] ?? null;
  }

  /** The checkpoint of exactly `size` leaves, with its cosignatures, or null. */
  async ofSize(db: EntityManager, programId: number, size: number) {
    const rows: CheckpointRow[] = await db.query(
      `SELECT tree_size, root_hash, note, signed_at FROM audit_checkpoints
        WHERE program_id = ? AND tree_size = ?`,
      [programId, size],
    );
    return (await this.views(db, programId, rows))[0] ?? null;
  }

  /** Every checkpoint with a tree size above `after`, oldest first, `limit` a page. */
  async history(programId: number, after: number, limit: number): Promise<AuditCheckpointsView> {
    const rows: CheckpointRow[] = await this.db.query(
      `SELECT tree_size, root_hash, note, signed_at FROM audit_checkpoints
        WHERE program_id = ? AND tree_size > ? ORDER BY tree_size LIMIT ?`,
      [programId, after, limit + 1],
    );
    const more = rows.length > limit;
    const checkpoints = await this.views(this.db.manager, programId, rows.slice(0, limit));
    return { checkpoints, next: more ? checkpoints[checkpoints.length - 1].treeSize : null };
  }

  private async views(
    db: EntityManager,
    programId: number,
    rows: CheckpointRow[],
  ): Promise<AuditCheckpointView[]> {
    if (rows.length === 0) return [];
    const sizes = rows.map((r) => Number(r.tree_size));
    // One range query for the page (the primary key starts with program and size).
    const cosignatures: { tree_size: string; name: string; line: string }[] = await db.query(
      `SELECT c.tree_size, w.name, c.line FROM audit_cosignatures c
         JOIN audit_witnesses w ON w.id = c.witness_id
        WHERE c.program_id = ? AND c.tree_size BETWEEN ? AND ?`,
      [programId, Math.min(...sizes), Math.max(...sizes)],
    );
    const bySize = new Map<number, { name: string; line: string }[]>();
    for (const c of cosignatures) {
      const size = Number(c.tree_size);
      const lines = bySize.get(size);
      if (lines) lines.push(c);
      else bySize.set(size, [c]);
    }
    return rows.map((r) => {
      const size = Number(r.tree_size);
      // Names sort by code unit in JavaScript, whatever the column collation did.
      const lines = (bySize.get(size) ?? []).sort((a, b) =>
        a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
      );
      return {
        treeSize: size,
        rootHash: r.root_hash.toString('base64'),
        signedAt: new Date(r.signed_at).toISOString(),
        note: appendCosignatures(
          r.note,
          lines.map((c) => c.line),
        ),
        cosigners: lines.map((c) => c.name),
      };
    });
  }
}
