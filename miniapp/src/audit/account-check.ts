// 账户完整性: every entry of the resident's chain (GET …/me/audit-entries, all pages), checked
// by the sdk's verifyAccount with the resident's keys against a checkpoint whose signature was
// checked first; the lots the app shows must be their sum. Each passing check's (count, head) is
// kept, so the next one also proves the history only grew.
import {
  encodeBase64,
  verifyAccount,
  type AccountCheckStep,
  type AccountEntry,
  type AccountLot,
} from '@tanlian/sdk/audit';
import type { ApiAnswer } from '../services/api';
import { readStored, writeStored } from '../services/storage';
import { checkSignature } from './checkpoint-cache';
import { bytes, type LogTrust } from './trust';

type EntriesPage = ApiAnswer<'/v1/programs/{program}/residents/me/audit-entries', 'get'>;

const PREVIOUS_KEY = 'tanlian.account-check';

export type AccountVerification =
  | { ok: true; count: number; unsealed: number }
  | { ok: false; step: AccountCheckStep | 'signature'; message: string };

export interface AccountCheckSource {
  program: string;
  /** One page of entries after `after` (undefined: the first). */
  page(after: number | undefined): Promise<EntriesPage>;
  /** The lots the app shows (the account page's `points.lots`). */
  displayed: readonly { issuer: string; expiresOn: string; points: string }[];
}

/** An account page's lot as the log names it: the asset of an issuer's points is `points:<issuer>`. */
export function assetLot(lot: { issuer: string; expiresOn: string; points: string }): AccountLot {
  return { asset: `points:${lot.issuer}`, expiresOn: lot.expiresOn, points: lot.points };
}

export async function checkAccount(
  source: AccountCheckSource,
  trust: LogTrust,
): Promise<AccountVerification> {
  const first = await source.page(undefined);
  const entries: AccountEntry[] = [];
  let page: EntriesPage = first;
  for (;;) {
    for (const e of page.entries) {
      entries.push({
        leafIndex: e.leafIndex,
        seq: e.seq,
        leafData: bytes(e.leafData),
        privateJson: e.private,
        proof: e.inclusionProof.map(bytes),
      });
    }
    if (page.next === null) break;
    page = await source.page(page.next);
  }
  const signed = checkSignature(first.checkpoint, trust);
  if (!signed.ok) return { ok: false, step: 'signature', message: signed.reason };
  const previous = readStored<{ count: number; head: string }>(PREVIOUS_KEY);
  const result = verifyAccount({
    hash: trust.hash,
    program: source.program,
    keys: first.keys.map((k) => ({ fromSeq: k.fromSeq, key: bytes(k.key) })),
    checkpoint: { size: signed.checkpoint.size, rootHash: signed.checkpoint.rootHash },
    entries,
    // The account page may count entries the checkpoint does not cover yet: compare then only.
    displayed: first.unsealed === 0 ? source.displayed.map(assetLot) : undefined,
    previous: previous ? { count: previous.count, head: bytes(previous.head) } : undefined,
  });
  if (!result.ok) return { ok: false, step: result.step, message: result.message };
  writeStored(PREVIOUS_KEY, { count: result.count, head: encodeBase64(result.head) });
  return { ok: true, count: result.count, unsealed: first.unsealed };
}
