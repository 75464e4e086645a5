// One entry of the log's checkpoint history: its note must verify against the trusted keys (extra
// witness cosignatures are fine), name this log, agree with how the list describes it, and come
// after the previous one.
import type { AuditCheckpointView } from '../contract/audit';
import { equalBytes } from '../audit/bytes';
import { parseCheckpoint, type Checkpoint } from '../audit/checkpoint';
import type { NoteVerifierKey } from '../audit/note-key';
import { verifyNote, type NoteSignerId } from '../audit/note-verify';
import { decodeBase64, encodeBase64 } from '../encoding/base64';
import { stop } from './discrepancy';

export function checkSignedCheckpoint(
  view: AuditCheckpointView,
  trustedKeys: readonly NoteVerifierKey[],
  origin: string,
  previous: Checkpoint | null,
): { checkpoint: Checkpoint; signers: NoteSignerId[] } {
  const label = `checkpoint ${view.treeSize}`;
  const note = verifyNote(view.note, trustedKeys);
  if (!note.ok) stop('signature', `${label}: ${note.reason}`);
  const parsed = parseCheckpoint(note.body);
  if (!parsed.ok) stop('checkpoint', `${label}: ${parsed.reason}`);
  const { checkpoint } = parsed;
  if (checkpoint.origin !== origin) {
    stop(
      'checkpoint',
      `${label} is for log ${JSON.stringify(checkpoint.origin)}, not ${JSON.stringify(origin)}`,
    );
  }
  const listedRoot = decodeBase64(view.rootHash);
  if (
    checkpoint.size !== view.treeSize ||
    listedRoot === undefined ||
    !equalBytes(listedRoot, checkpoint.rootHash)
  ) {
    stop(
      'checkpoint',
      `${label}: listed with root ${view.rootHash}, but its signed note says size ${checkpoint.size}, root ${encodeBase64(checkpoint.rootHash)}`,
    );
  }
  if (previous !== null && checkpoint.size <= previous.size) {
    stop(
      'checkpoint',
      `checkpoint ${checkpoint.size} follows checkpoint ${previous.size}: sizes must strictly increase`,
    );
  }
  return { checkpoint, signers: note.signers };
}
