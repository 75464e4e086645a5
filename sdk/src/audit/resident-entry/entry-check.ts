// The checks of one resident entry that need the resident's key: its tag, its commitment, and the
// public amounts its commitment binds. The resident's verifyAccount and the bureau's replay
// (verifier/resident-replay.ts) both run them.
import { equalBytes } from '../bytes';
import type { AccountLeaf, ResidentPosting } from './account-leaf';
import type { KeyedHash } from './keyed-hash';
import { entryCommitment, residentTag } from './resident-tag';

/** One of a resident's keys: entry n uses the key with the largest fromSeq ≤ n (rotation). */
export interface AccountKey {
  readonly fromSeq: number;
  readonly key: Uint8Array;
}

export interface EntryProblem {
  readonly step: 'tag' | 'commitment';
  readonly message: string;
}

/**
 * What is wrong with entry n of a chain whose previous leaf hash is `head`, or undefined.
 * `place` names the entry ("entry 3 (leaf 17)"); `whose` the chain's owner ("your", "yours").
 */
export function keyedEntryProblem(
  hmac: KeyedHash,
  key: Uint8Array,
  n: number,
  head: Uint8Array,
  leaf: AccountLeaf,
  privateJson: string,
  place: string,
  whose: { readonly possessive: string; readonly pronoun: string },
): EntryProblem | undefined {
  const { possessive, pronoun } = whose;
  if (!equalBytes(residentTag(hmac, key, n, head), leaf.tag)) {
    return {
      step: 'tag',
      message:
        n === 0
          ? `${place} does not carry ${possessive} tag: it is not ${possessive} first entry (forged or another resident's)`
          : `${place} does not carry ${possessive} tag: an entry before it is missing or altered, or this entry is not ${pronoun} (forged or another resident's)`,
    };
  }
  if (!equalBytes(entryCommitment(hmac, key, n, privateJson), leaf.commitment)) {
    return {
      step: 'commitment',
      message: `the private part of ${place} is not the one its leaf commits to: it was altered`,
    };
  }
  // The commitment binds the private part, and the private part names the lots the entry moved:
  // so the public amounts are bound too, the last entry's (which no later tag covers) included.
  if (!sameLots(leaf.residentPostings, leaf.committedLots)) {
    return {
      step: 'commitment',
      message: `the public amounts of ${place} are not those its private part commits to: its leaf was altered`,
    };
  }
  return undefined;
}

/**
 * Whether two lists of lot movements move the same amount of each lot (asset and expiry), in any
 * order: the public part shows amounts in denominations, the private part each lot's whole amount.
 */
function sameLots(a: readonly ResidentPosting[], b: readonly ResidentPosting[]): boolean {
  const totals = (list: readonly ResidentPosting[]) => {
    const byLot = new Map<string, number>();
    for (const p of list) {
      const key = `${p.asset}|${p.expiresOn}`;
      byLot.set(key, (byLot.get(key) ?? 0) + p.amount);
    }
    return [...byLot]
      .filter(([, amount]) => amount !== 0)
      .map(([k, amount]) => `${k}|${amount}`)
      .sort();
  };
  const left = totals(a);
  const right = totals(b);
  return left.length === right.length && left.every((x, i) => x === right[i]);
}

/** The key of entry n: the one with the largest fromSeq ≤ n. */
export function keyChooser(keys: readonly AccountKey[]): (n: number) => Uint8Array | undefined {
  const sorted = [...keys].sort((a, b) => a.fromSeq - b.fromSeq);
  let i = -1;
  // Entries are asked for in increasing order, so the choice only moves forward.
  return (n) => {
    while (i + 1 < sorted.length && sorted[i + 1].fromSeq <= n) i++;
    return i < 0 ? undefined : sorted[i].key;
  };
}
