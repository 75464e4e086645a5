import type { FastifyReply } from 'fastify';
import type { CycleFileRow } from '../services/files-store';

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
} as const;

/** A cycle's file as issued: its bytes, its name for saving, and its SHA-256 to check them by. */
export function sendFile(reply: FastifyReply, file: CycleFileRow & { content: Buffer }): Buffer {
  void reply.header('content-type', CONTENT_TYPES[file.format]);
  void reply.header('content-disposition', `attachment; filename="${file.name}"`);
  void reply.header('x-content-sha256', file.sha256);
  return file.content;
}
