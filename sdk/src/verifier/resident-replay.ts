// The bureau's per-resident replay (docs/private-log.md, "Who checks what"), run with the viewing
// key by tanlian-verify and by the service's fsck: every resident entry is attributed to its
// resident, checked against their chain and their commitment, and moves their own lots, which
// never go below zero; at the end every lot is compared with the balance the service reports.
//
// Entries are found without trying every key on every leaf: each resident's next tag (over their
// count and their previous entry) is known in advance, so a leaf's tag is looked up in a map of
// next tags, and only its owner's next tag is computed afresh. A second entry at the same place
// of a chain (a fork) finds no owner, as that place's tag has moved on.
import { parseAccountLeaf } from '../audit/resident-entry/account-leaf';
import { keyChooser, keyedEntryProblem } from '../audit/resident-entry/entry-check';
import type { KeyedHash } from '../audit/resident-entry/keyed-hash';
import { CHAIN_START, residentTag } from '../audit/resident-entry/resident-tag';
import type { AuditResidentLot } from '../contract/audit-viewing';
import { encodeBase64 } from '../encoding/base64';
import { stop } from './discrepancy';
import type { LeafPosting } from './leaf-transaction';
import type { ViewedResident } from './viewing-source';

interface ReplayedLot {
  readonly asset: string;
  readonly expiresOn: string;
  balance: bigint;
  lastLeaf: number;
  reported: boolean;
}

interface ResidentChain {
  readonly resident: string;
  readonly keyFor: (n: number) => Uint8Array | undefined;
  seq: number;
  head: Uint8Array;
  readonly lots: Map<string, ReplayedLot>;
}

const THE_RESIDENT = { possessive: "the resident's", pronoun: "the resident's" };

export class ResidentReplay {
  private readonly residents = new Map<string, ResidentChain>();
  /** Each chain's next tag (base64) → the chain. */
  private readonly nextTags = new Map<string, ResidentChain>();
  entriesChecked = 0;

  constructor(
    private readonly hmac: KeyedHash,
    private readonly program: string,
  ) {}

  get residentCount(): number {
    return this.residents.size;
  }

  addResident(r: ViewedResident): void {
    if (this.residents.has(r.resident)) {
      stop('viewing', `the service lists resident ${r.resident} twice`, { account: r.resident });
    }
    const chain: ResidentChain = {
      resident: r.resident,
      keyFor: keyChooser(r.keys),
      seq: 0,
      head: CHAIN_START,
      lots: new Map(),
    };
    this.residents.set(r.resident, chain);
    if (r.keys.length > 0) this.expectNext(chain, -1);
  }

  /** A format-2 resident entry: its owner's next entry, as its private part says and commits. */
  entry(
    leafIndex: number,
    leafData: Uint8Array,
    leafHash: Uint8Array,
    tag: string,
    privateJson: string | undefined,
  ): void {
    const at = { leafIndex };
    const chain = this.nextTags.get(tag);
    if (chain === undefined) {
      stop(
        'resident_entry',
        `leaf ${leafIndex}: its tag is no resident's next tag: a forged entry, an entry of a resident the service does not list, or a second entry at one place of a resident's chain (a fork)`,
        at,
      );
    }
    const n = chain.seq;
    const place = `entry ${n} of resident ${chain.resident} (leaf ${leafIndex})`;
    if (privateJson === undefined) {
      stop('resident_entry', `the service gives no private part for ${place}`, at);
    }
    const leaf = parseAccountLeaf(leafData, privateJson, this.program);
    if (!leaf.ok) stop('resident_entry', `${place} is malformed: ${leaf.message}`, at);
    if (leaf.privateSeq !== n) {
      stop(
        'resident_entry',
        `${place} says it is entry ${leaf.privateSeq} in its private part`,
        at,
      );
    }
    const key = chain.keyFor(n) as Uint8Array; // the tag was made with it
    const problem = keyedEntryProblem(
      this.hmac,
      key,
      n,
      chain.head,
      leaf,
      privateJson,
      place,
      THE_RESIDENT,
    );
    if (problem !== undefined) stop('resident_entry', problem.message, at);
    this.move(
      chain,
      leaf.residentPostings.map((p) => ({ ...p, amount: BigInt(p.amount) })),
      leafIndex,
    );
    this.nextTags.delete(tag);
    chain.seq = n + 1;
    chain.head = leafHash;
    this.expectNext(chain, leafIndex);
    this.entriesChecked++;
  }

  /** A format-1 leaf's resident postings: each names its resident by `r_…`. */
  legacy(leafIndex: number, postings: readonly LeafPosting[]): void {
    for (const p of postings) {
      if (p.residentRef === null) continue;
      let chain = this.residents.get(p.residentRef);
      if (chain === undefined) {
        // A resident with format-1 leaves only may have no key yet.
        this.addResident({ resident: p.residentRef, keys: [] });
        chain = this.residents.get(p.residentRef) as ResidentChain;
      }
      this.move(
        chain,
        [{ asset: p.asset, expiresOn: p.expiresOn ?? '', amount: BigInt(p.amount) }],
        leafIndex,
      );
    }
  }

  /** One lot the service reports: the same balance and postings as the replay. */
  compareReported(lot: AuditResidentLot): void {
    const name = `resident ${lot.resident}'s lot of ${lot.asset} expiring ${lot.expiresOn}`;
    const at = { account: lot.resident };
    const replayed = this.residents.get(lot.resident)?.lots.get(lotKey(lot));
    if (replayed !== undefined) {
      if (replayed.reported) stop('resident_balance', `${name} is reported twice`, at);
      replayed.reported = true;
    }
    const expected = replayed?.balance ?? BigInt(0);
    const last = replayed ? `, last moved by leaf ${replayed.lastLeaf}` : ', in no leaf';
    const check = (field: 'balance' | 'posted', text: string, says: string) => {
      if (!/^-?[0-9]+$/.test(text)) {
        stop('resident_balance', `${name}: ${field} ${JSON.stringify(text)} is not an integer`, at);
      }
      if (BigInt(text) !== expected) {
        stop(
          'resident_balance',
          `${name}: ${says} ${text}, the leaves give ${expected}${last}`,
          at,
        );
      }
    };
    check('balance', lot.balance, "the service's cached balance is");
    check('posted', lot.posted, "the service's stored postings sum to");
  }

  /** After the reported lots: every lot the leaves leave non-zero was reported. */
  checkEveryLotReported(): void {
    for (const chain of this.residents.values()) {
      for (const lot of chain.lots.values()) {
        if (!lot.reported && lot.balance !== BigInt(0)) {
          stop(
            'resident_balance',
            `resident ${chain.resident}'s lot of ${lot.asset} expiring ${lot.expiresOn} holds ${lot.balance} by the leaves but is missing from the service's resident balances`,
            { account: chain.resident },
          );
        }
      }
    }
  }

  private move(
    chain: ResidentChain,
    postings: readonly { asset: string; expiresOn: string; amount: bigint }[],
    leafIndex: number,
  ): void {
    const touched = new Set<ReplayedLot>();
    for (const p of postings) {
      const key = lotKey(p);
      let lot = chain.lots.get(key);
      if (lot === undefined) {
        lot = {
          asset: p.asset,
          expiresOn: p.expiresOn,
          balance: BigInt(0),
          lastLeaf: leafIndex,
          reported: false,
        };
        chain.lots.set(key, lot);
      }
      lot.balance += p.amount;
      lot.lastLeaf = leafIndex;
      touched.add(lot);
    }
    // Checked once the whole leaf applies: its postings come in no particular order.
    for (const lot of touched) {
      if (lot.balance < BigInt(0)) {
        stop(
          'resident_balance',
          `leaf ${leafIndex} takes resident ${chain.resident}'s lot of ${lot.asset} expiring ${lot.expiresOn} to ${lot.balance}`,
          { leafIndex, account: chain.resident },
        );
      }
    }
  }

  private expectNext(chain: ResidentChain, leafIndex: number): void {
    const key = chain.keyFor(chain.seq);
    if (key === undefined) {
      stop('viewing', `resident ${chain.resident} has no key for entry ${chain.seq}`, {
        account: chain.resident,
        ...(leafIndex >= 0 ? { leafIndex } : {}),
      });
    }
    const tag = encodeBase64(residentTag(this.hmac, key, chain.seq, chain.head));
    const other = this.nextTags.get(tag);
    if (other !== undefined) {
      // 2^-128 by chance; else two residents were listed with one key.
      stop('viewing', `residents ${other.resident} and ${chain.resident} share a key`, {
        account: chain.resident,
      });
    }
    this.nextTags.set(tag, chain);
  }
}

function lotKey(lot: { asset: string; expiresOn: string }): string {
  return `${lot.asset}|${lot.expiresOn}`;
}
