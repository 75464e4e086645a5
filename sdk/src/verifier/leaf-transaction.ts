// The ledger transaction a leaf carries, in either leaf format, as postings to public accounts:
// format 1 named each account by id (clearing-service before the private log), format 2 by kind,
// asset, owner and expiry (ledger/transaction-leaf.ts). Both fold into the same public accounts:
// organisations' accounts one by one, residents' lots pooled per asset and expiry.
import { z } from 'zod';
import { stop } from './discrepancy';

const AmountText = z.string().regex(/^(0|-?[1-9][0-9]*)$/, 'must be an integer string');

const PostingV1 = z.object({
  account: z.string().min(1),
  kind: z.string().min(1),
  asset: z.string().min(1),
  owner: z.string().nullable(),
  expiresOn: z.string().nullable(),
  amount: AmountText,
});

const TransactionV1 = z.object({
  id: z.string().min(1),
  kind: z.string().min(1),
  reference: z.string(),
  postings: z.array(PostingV1).min(1, 'must have postings'),
});

const PostingV2 = z.strictObject({
  kind: z.string().min(1),
  asset: z.string().min(1),
  owner: z.string().nullable(),
  expiresOn: z.string().nullable(),
  amount: AmountText,
});

const TransactionV2 = z.strictObject({
  kind: z.string().min(1),
  reference: z.string().min(1).optional(),
  postings: z.array(PostingV2).min(1, 'must have postings'),
});

/** A posting to a public account; `account` is the public key, `accountId` format 1's id. */
export interface LeafPosting {
  readonly account: string;
  readonly accountId: string | null;
  readonly kind: string;
  readonly asset: string;
  readonly owner: string | null;
  readonly expiresOn: string | null;
  readonly amount: string;
  /** Format 1's resident postings: the resident's `r_…` (for the bureau's replay); else null. */
  readonly residentRef: string | null;
}

export interface LeafTransaction {
  /** How a discrepancy names it: format 1's id, or the leaf index. */
  readonly label: string;
  readonly kind: string;
  readonly postings: readonly LeafPosting[];
}

/** Kinds that are a resident's (a lot, a lot's held points): pooled per asset and expiry. */
export const RESIDENT_POSTING_KINDS: ReadonlySet<string> = new Set(['resident', 'resident_held']);

/**
 * A public account's key: its kind and asset, an organisation's owner, a pool's expiry. A
 * resident's lot is its pool: format 1's resident reference is dropped, as format 2 has none.
 */
export function publicAccountKey(p: {
  kind: string;
  asset: string;
  owner: string | null;
  expiresOn: string | null;
}): string {
  const resident = RESIDENT_POSTING_KINDS.has(p.kind);
  return [
    p.kind,
    p.asset,
    resident ? '' : (p.owner ?? ''),
    resident ? (p.expiresOn ?? '') : '',
  ].join('|');
}

/** How a discrepancy names a public account. */
export function describeAccount(key: string): string {
  const [kind, asset, owner, expiresOn] = key.split('|');
  if (kind === 'resident') return `the pool of residents' ${asset} expiring ${expiresOn}`;
  if (kind === 'resident_held') return `the pool of residents' held ${asset} expiring ${expiresOn}`;
  return `${kind} account of ${asset}${owner ? ` owned by ${owner}` : ''}`;
}

/** The leaf's transaction, or null when it has none (`transaction` absent or null). */
export function leafTransaction(
  transaction: unknown,
  leafIndex: number,
  version: number,
): LeafTransaction | null {
  if (transaction === undefined || transaction === null) return null;
  const parsed = (version === 1 ? TransactionV1 : TransactionV2).safeParse(transaction);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = ['transaction', ...issue.path.map(String)].join('.');
    stop('transaction', `leaf ${leafIndex}: ${path} ${issue.message}`, { leafIndex });
  }
  const tx = parsed.data;
  return {
    label: 'id' in tx ? `transaction ${tx.id}` : `the transaction of leaf ${leafIndex}`,
    kind: tx.kind,
    postings: tx.postings.map((p) => ({
      account: publicAccountKey(p),
      accountId: 'account' in p ? String(p.account) : null,
      kind: p.kind,
      asset: p.asset,
      owner: RESIDENT_POSTING_KINDS.has(p.kind) ? null : p.owner,
      expiresOn: RESIDENT_POSTING_KINDS.has(p.kind) ? p.expiresOn : null,
      amount: p.amount,
      residentRef: p.kind === 'resident' && 'account' in p ? p.owner : null,
    })),
  };
}
