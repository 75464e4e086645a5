import type { CanonicalValue } from '@tanlian/sdk';
import { publicAccount } from './public-account';
import type { WrittenTransaction } from './services/ledger-writer';

/**
 * A ledger transaction as the public audit log shows it: account ids (so an auditor can replay
 * balances) and each account's public form.
 */
export function transactionLeafPart(
  tx: WrittenTransaction,
  issuerCode: string,
  residentSalt: Buffer,
): CanonicalValue {
  return {
    id: String(tx.id),
    kind: tx.kind,
    reference: tx.reference,
    postings: tx.postings.map((p, i) => ({
      account: String(tx.accountIds[i]),
      ...publicAccount(p.account, issuerCode, residentSalt),
      amount: String(p.amount),
    })),
  };
}
