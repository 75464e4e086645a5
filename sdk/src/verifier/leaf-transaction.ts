// The ledger transaction a leaf carries (clearing-service ledger/transaction-leaf.ts): account ids,
// so an auditor can replay balances, and amounts as integer strings.
import { z } from 'zod';
import { stop } from './discrepancy';

const AmountText = z.string().regex(/^(0|-?[1-9][0-9]*)$/, 'must be an integer string');

const LeafPosting = z.object({
  account: z.string().min(1),
  kind: z.string().min(1),
  asset: z.string().min(1),
  owner: z.string().nullable(),
  expiresOn: z.string().nullable(),
  amount: AmountText,
});
export type LeafPosting = z.infer<typeof LeafPosting>;

const LeafTransaction = z.object({
  id: z.string().min(1),
  kind: z.string().min(1),
  reference: z.string(),
  postings: z.array(LeafPosting).min(1, 'must have postings'),
});
export type LeafTransaction = z.infer<typeof LeafTransaction>;

/** The leaf's transaction, or null when it has none (`transaction` absent or null). */
export function leafTransaction(transaction: unknown, leafIndex: number): LeafTransaction | null {
  if (transaction === undefined || transaction === null) return null;
  const parsed = LeafTransaction.safeParse(transaction);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = ['transaction', ...issue.path.map(String)].join('.');
    stop('transaction', `leaf ${leafIndex}: ${path} ${issue.message}`, { leafIndex });
  }
  return parsed.data;
}
