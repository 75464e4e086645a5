// Rebuilds every public account's balance from the transactions in the leaves (organisations'
// accounts, and residents' lots pooled per asset and expiry), checking double entry (docs/domain.md
// invariant 1), that a format-1 account id never changes what it is, and that nothing but an
// issuer's mint or a merchant's clearing position goes below zero (invariant 4; for residents, per pool: docs/private-log.md).
// Memory: one entry per public account, and one per format-1 account id.
import { stop } from './discrepancy';
import { describeAccount, type LeafPosting, type LeafTransaction } from './leaf-transaction';

/**
 * The account kinds allowed below zero: an issuer's mint (postpaid issuance draws on it), and a
 * merchant's clearing position (a refund of a capture an earlier cycle's 注销 cleared).
 */
export const NEGATIVE_ALLOWED_KINDS: ReadonlySet<string> = new Set([
  'issuer_mint',
  'merchant_clearing',
]);

export interface ReplayedAccount {
  readonly kind: string;
  readonly asset: string;
  readonly owner: string | null;
  readonly expiresOn: string | null;
  balance: bigint;
  /** The leaf that last changed it, to name in a discrepancy. */
  lastLeaf: number;
  /** Set while comparing with the service's reported balances. */
  reported: boolean;
}

export class LedgerReplay {
  /** By public account key (leaf-transaction.ts publicAccountKey). */
  readonly accounts = new Map<string, ReplayedAccount>();
  /** Format 1's account ids, and the public account each named first. */
  private readonly formatOneIds = new Map<string, string>();

  apply(tx: LeafTransaction, leafIndex: number): void {
    // BigInt() rather than 0n literals: engines without BigInt can still load the sdk.
    const sums = new Map<string, bigint>();
    for (const p of tx.postings) {
      sums.set(p.asset, (sums.get(p.asset) ?? BigInt(0)) + BigInt(p.amount));
    }
    for (const [asset, sum] of sums) {
      if (sum !== BigInt(0)) {
        stop(
          'transaction',
          `leaf ${leafIndex}: ${tx.label} does not balance: its ${asset} postings sum to ${sum}`,
          { leafIndex },
        );
      }
    }
    const touched = new Set<string>();
    for (const p of tx.postings) {
      const account = this.accountOf(p, leafIndex);
      account.balance += BigInt(p.amount);
      account.lastLeaf = leafIndex;
      touched.add(p.account);
    }
    // Checked once the whole transaction applies: postings within it come in no particular order.
    for (const id of touched) {
      const account = this.accounts.get(id) as ReplayedAccount;
      if (account.balance < BigInt(0) && !NEGATIVE_ALLOWED_KINDS.has(account.kind)) {
        stop(
          'negative_balance',
          `leaf ${leafIndex}: ${tx.label} takes ${describeAccount(id)} to ${account.balance}`,
          { leafIndex, account: id },
        );
      }
    }
  }

  private accountOf(p: LeafPosting, leafIndex: number): ReplayedAccount {
    if (p.accountId !== null) {
      const named = this.formatOneIds.get(p.accountId);
      if (named === undefined) this.formatOneIds.set(p.accountId, p.account);
      else if (named !== p.account) {
        stop(
          'account',
          `leaf ${leafIndex}: account ${p.accountId} is ${describeAccount(p.account)}, not ${describeAccount(named)} as before`,
          { leafIndex, account: p.accountId },
        );
      }
    }
    const known = this.accounts.get(p.account);
    if (known !== undefined) return known;
    const created: ReplayedAccount = {
      kind: p.kind,
      asset: p.asset,
      owner: p.owner,
      expiresOn: p.expiresOn,
      balance: BigInt(0),
      lastLeaf: leafIndex,
      reported: false,
    };
    this.accounts.set(p.account, created);
    return created;
  }
}

/** Which identifying field of an account differs, if any. */
export function describeChange(
  known: Pick<ReplayedAccount, 'kind' | 'asset' | 'owner' | 'expiresOn'>,
  seen: Pick<ReplayedAccount, 'kind' | 'asset' | 'owner' | 'expiresOn'>,
): string | undefined {
  for (const field of ['kind', 'asset', 'owner', 'expiresOn'] as const) {
    if (known[field] !== seen[field]) {
      return `has ${field} ${JSON.stringify(seen[field])}, not ${JSON.stringify(known[field])}`;
    }
  }
  return undefined;
}
