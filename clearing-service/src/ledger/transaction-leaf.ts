import type { CanonicalValue } from '@tanlian/sdk';
import { residentRef } from '../audit/leaf-data';
import type { WrittenTransaction } from './services/ledger-writer';

/**
 * A ledger transaction as the public audit log shows it: account ids (so an auditor can replay
 * balances), the asset by issuer code, residents only as salted references.
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
      kind: p.account.kind,
      asset: `points:${issuerCode}`,
      owner: p.account.kind === 'resident' ? residentRef(residentSalt, p.account.ownerId) : null,
      expiresOn: p.account.kind === 'resident' ? p.account.expiresOn : null,
      amount: String(p.amount),
    })),
  };
}
