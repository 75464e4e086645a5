import type { CanonicalValue } from '@tanlian/sdk';
import { residentRef } from '../audit/leaf-data';
import type { AccountKind } from './ledger-account';

// Shared by the ledger's leaves and audit's balances view; on its own so that audit imports this
// and not transaction-leaf.ts (the ledger writer's side).

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
