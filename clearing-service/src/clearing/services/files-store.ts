import { createHash } from 'node:crypto';
import type { SqlRunner } from '../../database/sql';

export type FileKind = 'reconciliation' | 'statement' | 'instructions' | 'cancellation_report';
export type FileFormat = 'csv' | 'json' | 'xml';

export interface NewCycleFile {
  /** The participant whose file it is; 0 for the hub's (the instructions). */
  participantId: number;
  kind: FileKind;
  format: FileFormat;
  name: string;
  content: string;
}

export interface CycleFileRow {
  id: number;
  participantId: number;
  kind: FileKind;
  format: FileFormat;
  name: string;
  sha256: string;
  bytes: number;
  createdAt: Date;
}

/** Stores a file whole (one row, in the issuing transaction); its id and SHA-256 (hex). */
export async function storeFile(
  db: SqlRunner,
  cycleId: number,
  file: NewCycleFile,
  at: Date,
): Promise<{ id: number; sha256: string; bytes: number }> {
  const content = Buffer.from(file.content, 'utf8');
  const sha256 = createHash('sha256').update(content).digest();
  const result: { insertId: number } = await db.query(
    `INSERT INTO clearing_files (cycle_id, participant_id, kind, format, name, content, sha256, bytes, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      cycleId,
      file.participantId,
      file.kind,
      file.format,
      file.name,
      content,
      sha256,
      content.length,
      at,
    ],
  );
  return { id: Number(result.insertId), sha256: sha256.toString('hex'), bytes: content.length };
}

interface Row {
  id: string;
  participant_id: number;
  kind: FileKind;
  format: FileFormat;
  name: string;
  sha256: Buffer;
  bytes: number;
  created_at: Date;
}

const rowOf = (r: Row): CycleFileRow => ({
  id: Number(r.id),
  participantId: r.participant_id,
  kind: r.kind,
  format: r.format,
  name: r.name,
  sha256: r.sha256.toString('hex'),
  bytes: r.bytes,
  createdAt: r.created_at,
});

/** The cycle's files, of the participants given (all when null), by participant, kind, format. */
export async function filesOf(
  db: SqlRunner,
  cycleId: number,
  participantIds: number[] | null,
): Promise<CycleFileRow[]> {
  const rows: Row[] = await db.query(
    `SELECT id, participant_id, kind, format, name, sha256, bytes, created_at FROM clearing_files
      WHERE cycle_id = ?${participantIds ? ` AND participant_id IN (${participantIds.map(() => '?').join(', ')})` : ''}
      ORDER BY participant_id, kind, format`,
    [cycleId, ...(participantIds ?? [])],
  );
  return rows.map(rowOf);
}

/** One file with its bytes, or null. */
export async function fileContent(
  db: SqlRunner,
  cycleId: number,
  fileId: number,
): Promise<(CycleFileRow & { content: Buffer }) | null> {
  const rows: (Row & { content: Buffer })[] = await db.query(
    `SELECT id, participant_id, kind, format, name, sha256, bytes, created_at, content
       FROM clearing_files WHERE cycle_id = ? AND id = ?`,
    [cycleId, fileId],
  );
  return rows[0] ? { ...rowOf(rows[0]), content: rows[0].content } : null;
}
