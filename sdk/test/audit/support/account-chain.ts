// Residents' chains for verifyAccount's tests and bench: real entries from residentEntryLeaf,
// published in a real MerkleTree between other leaves, or (for the bench) in a sparse tree of
// millions of leaves whose untouched subtrees stand in as arbitrary hashes.
import {
  type AccountCheckInput,
  type AccountEntry,
  type CanonicalValue,
  type LogHash,
  CHAIN_START,
  formatLeaf,
  keyedHash,
  leafHash,
  MerkleTree,
  nodeHash,
  residentEntryLeaf,
  verifyAccount,
} from '../../../src/audit';
import { splitPoint } from '../../../src/audit/bits';

export const PROGRAM = 'shenzhen';

/** One entry's public transaction (or null) and its private details. */
export interface EntrySpec {
  readonly type?: string;
  readonly day?: string;
  readonly transaction: CanonicalValue;
  readonly secret?: { readonly [field: string]: CanonicalValue };
}

/** What the service hands the phone for one entry, before proofs. */
export interface Written {
  data: Uint8Array;
  privateJson: string;
  seq: number;
}

export const key = (seed: number) =>
  new Uint8Array(32).map((_, i) => (i * 131 + seed * 17 + 1) & 0xff);

/** An issuer mints `amount` points of `asset` into the resident's lot expiring on `expiresOn`. */
export function credit(asset: string, expiresOn: string, amount: number): CanonicalValue {
  return {
    kind: 'issuance',
    postings: [
      { kind: 'issuer_mint', asset, owner: null, expiresOn: null, amount: String(-amount) },
      { kind: 'resident', asset, owner: null, expiresOn, amount: String(amount) },
    ],
  };
}

/** The resident spends `amount` points of a lot at a merchant. */
export function redeem(
  asset: string,
  expiresOn: string,
  amount: number,
  merchant: string,
): CanonicalValue {
  return {
    kind: 'redemption',
    postings: [
      { kind: 'resident', asset, owner: null, expiresOn, amount: String(-amount) },
      { kind: 'merchant', asset, owner: merchant, expiresOn, amount: String(amount) },
    ],
  };
}

/** The entries of one chain, each under the key its rotation schedule gives it. */
export function writeChain(
  hash: LogHash,
  keyOf: (seq: number) => Uint8Array,
  specs: readonly EntrySpec[],
  from: { seq: number; previousLeafHash: Uint8Array } = { seq: 0, previousLeafHash: CHAIN_START },
): Written[] {
  const hmac = keyedHash(hash);
  let chain = from;
  return specs.map((spec) => {
    const { leaf, next } = residentEntryLeaf(hash, hmac, keyOf(chain.seq), chain, {
      body: {
        type: spec.type ?? 'reduction_credit',
        program: PROGRAM,
        day: spec.day ?? '2026-12-01',
        transaction: spec.transaction,
      },
      // The lots it moved, as the service commits them (crediting, funding): its resident postings.
      secret: {
        lots: residentLotsOf(spec.transaction),
        ...(spec.secret ?? { event: { operator: 'metro', id: `e-${chain.seq}` } }),
      },
    });
    chain = next;
    return { data: leaf.data, privateJson: leaf.privateJson, seq: leaf.seq };
  });
}

/** A transaction's resident postings as a private part's `lots`. */
export function residentLotsOf(transaction: CanonicalValue): CanonicalValue[] {
  const postings = (transaction as { postings?: { [k: string]: CanonicalValue }[] } | null)
    ?.postings;
  return (postings ?? [])
    .filter((p) => p.kind === 'resident')
    .map((p) => ({ asset: p.asset, expiresOn: p.expiresOn, amount: p.amount }));
}

/** An organisation's leaf that is none of the resident's business. */
export function otherLeaf(i: number): Uint8Array {
  return formatLeaf({ type: 'top_up', program: PROGRAM, day: '2026-12-01', reference: `t-${i}` });
}

/**
 * Publishes the entries in one real tree, `others` organisation leaves before each, and gives the
 * phone's input: every entry with its proof in the final checkpoint.
 */
export function publish(
  hash: LogHash,
  written: readonly Written[],
  keys: AccountCheckInput['keys'],
  others = 2,
): AccountCheckInput {
  const tree = new MerkleTree(hash);
  const placed: { leafIndex: number; w: Written }[] = [];
  let filler = 0;
  for (const w of written) {
    for (let i = 0; i < others; i++) tree.appendData(otherLeaf(filler++));
    placed.push({ leafIndex: tree.size, w });
    tree.appendData(w.data);
  }
  tree.appendData(otherLeaf(filler++));
  const entries: AccountEntry[] = placed.map(({ leafIndex, w }) => ({
    leafIndex,
    seq: w.seq,
    leafData: w.data,
    privateJson: w.privateJson,
    proof: tree.inclusionProof(leafIndex),
  }));
  return {
    hash,
    program: PROGRAM,
    keys,
    checkpoint: { size: tree.size, rootHash: tree.root() },
    entries,
  };
}

/**
 * The bench's account: `count` entries (credits across a few lots and issuers, some empty), spread
 * over a log of `treeSize` leaves. The tree is sparse: only the resident's leaves are real, every
 * subtree without one is an arbitrary hash, so the proofs (log2(treeSize) hashes) and the root are
 * those of a real log of that size without building it.
 */
export function benchAccount(
  hash: LogHash,
  count = 1000,
  treeSize = 10_000_000,
): AccountCheckInput {
  const specs: EntrySpec[] = Array.from({ length: count }, (_, i) => ({
    transaction:
      i % 5 === 4
        ? null
        : credit(
            `points:${['metro', 'bus', 'bike'][i % 3]}`,
            `2029-12-${10 + (i % 4)}`,
            1 + (i % 37),
          ),
  }));
  const written = writeChain(hash, () => key(1), specs);
  const indexes = written.map((_, i) => Math.floor(((i + 0.5) * treeSize) / count));
  const leafHashes = new Map(written.map((w, i) => [indexes[i], leafHash(hash, w.data)]));
  const sparse = sparseTree(hash, treeSize, indexes, leafHashes);
  return {
    hash,
    program: PROGRAM,
    keys: [{ fromSeq: 0, key: key(1) }],
    checkpoint: { size: treeSize, rootHash: sparse.root },
    entries: written.map((w, i) => ({
      leafIndex: indexes[i],
      seq: w.seq,
      leafData: w.data,
      privateJson: w.privateJson,
      proof: sparse.proof(indexes[i]),
    })),
  };
}

/** The median time of `runs` checks of `input`, after one untimed warm-up (for the bench too). */
export function timeVerifyAccount(input: AccountCheckInput, runs = 5): number {
  verifyAccount(input);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    verifyAccount(input);
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

function sparseTree(
  hash: LogHash,
  size: number,
  sortedIndexes: readonly number[],
  leafHashes: ReadonlyMap<number, Uint8Array>,
): { root: Uint8Array; proof: (index: number) => Uint8Array[] } {
  const memo = new Map<string, Uint8Array>();
  const holdsOne = (start: number, end: number) => {
    let lo = 0;
    let hi = sortedIndexes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sortedIndexes[mid] < start) lo = mid + 1;
      else hi = mid;
    }
    return lo < sortedIndexes.length && sortedIndexes[lo] < end;
  };
  const range = (start: number, end: number): Uint8Array => {
    const id = `${start}:${end}`;
    let h = memo.get(id);
    if (h !== undefined) return h;
    if (!holdsOne(start, end)) {
      h = hash.digest(Buffer.from(`untouched ${id}`));
    } else if (end - start === 1) {
      h = leafHashes.get(start) as Uint8Array;
    } else {
      const k = splitPoint(end - start);
      h = nodeHash(hash, range(start, start + k), range(start + k, end));
    }
    memo.set(id, h);
    return h;
  };
  const path = (m: number, start: number, end: number): Uint8Array[] => {
    if (end - start === 1) return [];
    const k = splitPoint(end - start);
    return m < k
      ? [...path(m, start, start + k), range(start + k, end)]
      : [...path(m - k, start + k, end), range(start, start + k)];
  };
  return { root: range(0, size), proof: (index) => path(index, 0, size) };
}
