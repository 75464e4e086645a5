import { type AccountKey, NO_EXPIRY } from '../../ledger/ledger-account';

/** What a merchant has captured of an issuer's points and its cycles have not yet cancelled. */
export const clearingAccount = (merchantId: number, issuerId: number): AccountKey => ({
  issuerId,
  kind: 'merchant_clearing',
  ownerId: merchantId,
  expiresOn: NO_EXPIRY,
});

/** The issuer's points cancelled (注销) by clearing. */
export const cancelledAccount = (issuerId: number): AccountKey => ({
  issuerId,
  kind: 'issuer_cancelled',
  ownerId: 0,
  expiresOn: NO_EXPIRY,
});
