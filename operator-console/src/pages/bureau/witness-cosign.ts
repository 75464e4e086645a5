// One cosignature by the witness in the browser: the sdk's witnessCheckpoint checks the log's
// signature with the keys the witness pinned, the origin, and consistency with what the witness
// last cosigned (never back, never a fork), then signs. The file's new state is what it signed.
import {
  decodeBase64,
  encodeBase64,
  logHashByName,
  parseVerifierKey,
  witnessCheckpoint,
  type NoteVerifierKey,
} from '@tanlian/sdk';
import { lastTreeHead, secretKeyOf, type WitnessFile } from './witness-file';

export interface LogView {
  origin: string;
  hash: string;
  /** The log's checkpoint keys as it lists them now (vkeys). */
  keys: string[];
}

export type CosignOutcome =
  | { ok: true; size: number; cosignature: string; file: WitnessFile }
  | { ok: false; reason: string };

/** The log keys to trust: those pinned in the file, or (first contact) those the log lists now. */
export function pinnedLog(file: WitnessFile, log: LogView): WitnessFile['log'] {
  return file.log ?? { origin: log.origin, hash: log.hash, keys: log.keys };
}

function keysOf(vkeys: string[]): NoteVerifierKey[] {
  return vkeys.flatMap((v) => {
    const parsed = parseVerifierKey(v);
    return parsed.ok ? [parsed.key] : [];
  });
}

/**
 * Cosigns `note` if it is consistent with what the file remembers. `proof` is the log's
 * consistency proof from the file's last size to the note's size (empty on first contact).
 */
export function cosign(input: {
  file: WitnessFile;
  log: LogView;
  note: string;
  proof: string[];
  nowSeconds: number;
}): CosignOutcome {
  const pinned = pinnedLog(input.file, input.log)!;
  const hash = logHashByName(pinned.hash);
  if (!hash) return { ok: false, reason: `unknown log hash ${pinned.hash}` };
  const proof = input.proof.map((p) => decodeBase64(p));
  if (proof.some((p) => p === undefined))
    return { ok: false, reason: 'the consistency proof is not base64' };
  const result = witnessCheckpoint({
    logKeys: keysOf(pinned.keys),
    origin: pinned.origin,
    hash,
    previous: lastTreeHead(input.file),
    note: input.note,
    proof: proof as Uint8Array[],
    signer: { name: input.file.name, secretKey: secretKeyOf(input.file) },
    time: input.nowSeconds,
  });
  if (!result.ok) return { ok: false, reason: `${result.code}: ${result.reason}` };
  const { size, rootHash } = result.checkpoint;
  return {
    ok: true,
    size,
    cosignature: result.cosignature,
    file: { ...input.file, log: pinned, last: { size, rootHash: encodeBase64(rootHash) } },
  };
}
