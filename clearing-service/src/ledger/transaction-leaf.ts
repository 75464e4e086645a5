import type { CanonicalValue } from '@tanlian/sdk';
import { publicAccount } from './public-account';
import type { WrittenTransaction } from './services/ledger-writer';

/**
 * A ledger transaction as the public audit log shows it (leaf format 2): each posting's account in
 * its public form and the amount, so anyone can replay organisations' balances and residents'
 * pools. An organisation's transaction names its public reference (a top-up's); a resident's
 * entry names none, since an event's reference is private.
 */
export function transactionLeafPart(
  tx: WrittenTransaction,
  issuerCode: string,
  publicReference: string | null = null,
): CanonicalValue {
  return {
    kind: tx.kind,
    ...(publicReference === null ? {} : { reference: publicReference }),
    postings: tx.postings.map((p) => ({
      ...publicAccount(p.account, issuerCode),
      amount: String(p.amount),
    })),
  };
}
