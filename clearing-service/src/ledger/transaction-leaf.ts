import type { CanonicalValue } from '@tanlian/sdk';
import { residentRef } from '../audit/leaf-data';
import type { AccountKind } from './ledger-account';
import type { WrittenTransaction } from './services/ledger-writer';

/** A ledger account as the public log shows it: the same in every leaf and in the balances view. */
export interface PublicAccount {
  [key: string]: CanonicalValue;
  kind: AccountKind;
  asset: string;
  owner: string | null;
  expiresOn: string | null;
}

/**
 * The public form of an account: the asset by issuer code, residents only as salted references,
 * and the expiry of resident lots (issuer and merchant accounts have none).
 */
export function publicAccount(
  account: { kind: AccountKind; ownerId: number; expiresOn: string },
  issuerCode: string,
  residentSalt: Buffer,
): PublicAccount {
  const resident = account.kind === 'resident';
  return {
    kind: account.kind,
    asset: `points:${issuerCode}`,
    owner: resident ? residentRef(residentSalt, account.ownerId) : null,
    expiresOn: resident ? account.expiresOn : null,
  };
}

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
