import {
  decodeBase64,
  parseCheckpoint,
  sha256LogHash,
  verifyNote,
  type AccountCheckInput,
  type AccountEntry,
  type NoteVerifierKey,
  type ResidentEntriesView,
} from '@tanlian/sdk';

/**
 * verifyAccount's input from a resident's audit-entries page, as the phone builds it: the
 * checkpoint's signature checked against the log's keys first (SHA-256 logs).
 */
export function accountCheckInput(
  view: ResidentEntriesView,
  program: string,
  logKeys: NoteVerifierKey[],
): AccountCheckInput {
  const signed = verifyNote(view.checkpoint, logKeys);
  if (!signed.ok) throw new Error(signed.reason);
  const parsed = parseCheckpoint(signed.body);
  if (!parsed.ok) throw new Error(parsed.reason);
  return {
    hash: sha256LogHash,
    program,
    keys: view.keys.map((k) => ({ fromSeq: k.fromSeq, key: decodeBase64(k.key)! })),
    checkpoint: { size: parsed.checkpoint.size, rootHash: parsed.checkpoint.rootHash },
    entries: view.entries.map((e): AccountEntry => ({
      leafIndex: e.leafIndex,
      seq: e.seq,
      leafData: decodeBase64(e.leafData)!,
      privateJson: e.private,
      proof: e.inclusionProof.map((p) => decodeBase64(p)!),
    })),
  };
}
