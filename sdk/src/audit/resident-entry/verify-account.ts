// A resident's complete self-check of their own account, on the phone (docs/private-log.md, "Who
// checks what"): with their keys, every entry of their chain is theirs, in order, with no gap,
// fork or foreign entry; every entry is in the signed checkpoint; the history extends the one
// verified last time; and the lots the app shows are the sum of the entries.
import type { LogHash } from '../hash';
import { equalBytes } from '../bytes';
import { leafHash } from '../tree-hash';
import { parseAccountLeaf } from './account-leaf';
import { type AccountKey, keyChooser, keyedEntryProblem } from './entry-check';

export type { AccountKey } from './entry-check';
import { InclusionBatch } from './inclusion-batch';
import { type KeyedHash, keyedHash } from './keyed-hash';
import { LotSums, type AccountLot } from './lots';
import { CHAIN_START } from './resident-tag';

export type { AccountLot } from './lots';

export interface AccountEntry {
  readonly leafIndex: number;
  /** As the service claims it; the check does not trust it beyond ordering. */
  readonly seq: number;
  /** The whole leaf: 0x02 ‖ canonical JSON of the public body. */
  readonly leafData: Uint8Array;
  /** The private part exactly as committed (canonical JSON, with "seq"). */
  readonly privateJson: string;
  /** RFC 9162 inclusion proof of leafIndex in the checkpoint. */
  readonly proof: readonly Uint8Array[];
}

export interface AccountCheckInput {
  /** The log's hash (sha256LogHash / sm3LogHash). */
  readonly hash: LogHash;
  /** Default: keyedHash(hash). */
  readonly hmac?: KeyedHash;
  /** Every leaf's "program". */
  readonly program: string;
  /** The resident's keys; entry n uses the key with the largest fromSeq ≤ n (rotation). */
  readonly keys: readonly AccountKey[];
  /** Already signature-checked by the caller (verifyReceipt / note code does that). */
  readonly checkpoint: { readonly size: number; readonly rootHash: Uint8Array };
  /** The resident's whole chain, oldest first. */
  readonly entries: readonly AccountEntry[];
  /** The lots the app shows (points as integer strings); compared regardless of order. */
  readonly displayed?: readonly AccountLot[];
  /** The (count, last leaf hash) this phone verified last time. */
  readonly previous?: { readonly count: number; readonly head: Uint8Array };
}

export type AccountCheckStep =
  'format' | 'sequence' | 'tag' | 'commitment' | 'inclusion' | 'balance' | 'history';

export type AccountCheck =
  | {
      ok: true;
      count: number;
      head: Uint8Array;
      lots: AccountLot[];
      entriesChecked: number;
    }
  | {
      ok: false;
      step: AccountCheckStep;
      message: string;
      seq?: number;
      leafIndex?: number;
    };

type Failure = Extract<AccountCheck, { ok: false }>;

const YOU = { possessive: 'your', pronoun: 'yours' };

/** Checks the resident's whole account; the first failure is returned, in the order of the rules. */
export function verifyAccount(input: AccountCheckInput): AccountCheck {
  const { hash, program, checkpoint, entries, previous } = input;
  const hmac = input.hmac ?? keyedHash(hash);
  const keyFor = keyChooser(input.keys);
  const sums = new LotSums();
  const inclusion = new InclusionBatch(hash, checkpoint.size, checkpoint.rootHash);
  let head: Uint8Array = CHAIN_START;
  let previousIndex = -1;
  let previousHead: Uint8Array | undefined;

  for (let n = 0; n < entries.length; n++) {
    const e = entries[n];
    const place = `entry ${n} (leaf ${e.leafIndex})`;
    const failAt = (step: AccountCheckStep, message: string): Failure => ({
      ok: false,
      step,
      message,
      seq: n,
      leafIndex: e.leafIndex,
    });

    const leaf = parseAccountLeaf(e.leafData, e.privateJson, program);
    if (!leaf.ok) return failAt('format', `${place} is malformed: ${leaf.message}`);
    // Part of the format: its amounts must add up as safe integers (no BigInt on the phone).
    const overflow = sums.add(leaf.residentPostings);
    if (overflow !== undefined) {
      return failAt('format', `${place} makes ${overflow} exceed what can be added up safely`);
    }

    const order = sequenceProblem(n, e, leaf.privateSeq, previousIndex);
    if (order !== undefined) return failAt('sequence', order);

    const key = keyFor(n);
    if (key === undefined) return failAt('tag', `none of your keys covers ${place}`);
    const hashOfLeaf = leafHash(hash, e.leafData);
    const keyed = keyedEntryProblem(hmac, key, n, head, leaf, e.privateJson, place, YOU);
    if (keyed !== undefined) return failAt(keyed.step, keyed.message);
    const included = inclusion.verify(e.leafIndex, hashOfLeaf, e.proof);
    if (!included.ok) {
      return failAt(
        'inclusion',
        `${place} is not proven to be in the log's checkpoint of ${checkpoint.size} leaves: ${included.reason}`,
      );
    }
    head = hashOfLeaf;
    previousIndex = e.leafIndex;
    if (previous !== undefined && n === previous.count - 1) previousHead = hashOfLeaf;
  }

  const count = entries.length;
  if (previous !== undefined) {
    const problem = historyProblem(count, previous, previousHead, entries);
    if (problem !== undefined) return problem;
  }
  const lots = sums.lots();
  if (input.displayed !== undefined) {
    const problem = balanceProblem(lots, input.displayed);
    if (problem !== undefined) return { ok: false, step: 'balance', message: problem };
  }
  // A copy of CHAIN_START for an empty account: the caller may keep and change what it gets.
  return { ok: true, count, head: count === 0 ? head.slice() : head, lots, entriesChecked: count };
}

/** Entry n must be the service's entry n, privately and publicly, after the previous leaf. */
function sequenceProblem(
  n: number,
  e: AccountEntry,
  privateSeq: number,
  previousIndex: number,
): string | undefined {
  const seq = e.seq;
  if (seq !== n || privateSeq !== n) {
    const shown = seq !== n ? seq : privateSeq;
    if (Number.isSafeInteger(shown) && shown > n) {
      return n === 0
        ? `entry 0 is missing: the service's first entry is ${shown}`
        : `entry ${n} is missing: the service showed ${n - 1} then ${shown}`;
    }
    return seq !== n
      ? `the service showed entry ${show(seq)} where entry ${n} belongs: entries are out of order`
      : `entry ${n} (leaf ${e.leafIndex}) says it is entry ${privateSeq} in its private part`;
  }
  if (!Number.isSafeInteger(e.leafIndex) || e.leafIndex <= previousIndex) {
    return n === 0
      ? `entry 0 is at leaf ${show(e.leafIndex)}, which is not a leaf index`
      : `entry ${n} is at leaf ${show(e.leafIndex)}, not after entry ${n - 1}'s leaf ${previousIndex}`;
  }
  return undefined;
}

function historyProblem(
  count: number,
  previous: { readonly count: number; readonly head: Uint8Array },
  previousHead: Uint8Array | undefined,
  entries: readonly AccountEntry[],
): Failure | undefined {
  const before = previous.count;
  if (!Number.isSafeInteger(before) || before < 0) {
    return { ok: false, step: 'history', message: `the count verified before is ${show(before)}` };
  }
  if (count < before) {
    return {
      ok: false,
      step: 'history',
      message: `your history was rolled back or its tail withheld: ${count} entries, you verified ${before} before`,
    };
  }
  if (before > 0 && !equalBytes(previousHead as Uint8Array, previous.head)) {
    const last = entries[before - 1];
    return {
      ok: false,
      step: 'history',
      message: `your history forked: entry ${before - 1} (leaf ${last.leafIndex}) is not the entry you verified last time`,
      seq: before - 1,
      leafIndex: last.leafIndex,
    };
  }
  return undefined;
}

/** What differs between the lots the app shows and the lots the entries add up to. */
function balanceProblem(
  lots: readonly AccountLot[],
  displayed: readonly AccountLot[],
): string | undefined {
  const name = (l: AccountLot) => `${l.asset} expiring on ${l.expiresOn}`;
  const shown = new Map<string, AccountLot>();
  for (const d of displayed) {
    const k = `${d.expiresOn}\u0000${d.asset}`;
    if (shown.has(k)) return `the app shows the lot of ${name(d)} twice`;
    shown.set(k, d);
  }
  for (const lot of lots) {
    const k = `${lot.expiresOn}\u0000${lot.asset}`;
    const d = shown.get(k);
    if (d === undefined) {
      return `the app does not show your ${lot.points} points of ${name(lot)}`;
    }
    if (d.points !== lot.points) {
      return `the app shows ${d.points} points of ${name(lot)}; your entries add up to ${lot.points}`;
    }
    shown.delete(k);
  }
  for (const d of shown.values()) {
    return `the app shows ${d.points} points of ${name(d)}, which your entries do not hold`;
  }
  return undefined;
}

function show(value: unknown): string {
  return typeof value === 'number' ? String(value) : JSON.stringify(value);
}
