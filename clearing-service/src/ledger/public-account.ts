import type { CanonicalValue } from '@tanlian/sdk';
import { type AccountKind, RESIDENT_KINDS } from './ledger-account';

// Shared by the ledger's leaves and audit's balances view; on its own so that audit imports this
// and not transaction-leaf.ts (the ledger writer's side).

/**
 * A ledger account as the public log shows it (leaf format 2, docs/private-log.md): kind, asset,
 * owner and expiry, never an id. A resident's lot has no owner: the entry it is posted in belongs
 * to one resident, and the tag says whose only to those holding the key. Issuers' accounts are
 * named by their asset; merchants' by their code.
 */
export interface PublicAccount {
  [key: string]: CanonicalValue;
  kind: AccountKind;
  asset: string;
  owner: string | null;
  expiresOn: string | null;
}

export function publicAccount(
  account: { kind: AccountKind; expiresOn: string },
  issuerCode: string,
  ownerCode: string | null = null,
): PublicAccount {
  const resident = RESIDENT_KINDS.includes(account.kind);
  return {
    kind: account.kind,
    asset: `points:${issuerCode}`,
    owner: resident ? null : ownerCode,
    expiresOn: resident ? account.expiresOn : null,
  };
}
