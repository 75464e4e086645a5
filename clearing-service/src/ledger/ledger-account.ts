/**
 * Accounts of one asset: the points one issuer (operator) funds. `owner` is a resident or participant
 * id (0 for none); `expiresOn` is the lot's expiry for resident points (NO_EXPIRY otherwise).
 */
export type AccountKind =
  | 'issuer_mint'
  | 'issuer_block'
  | 'resident'
  | 'merchant'
  /** Where a lot's points go when it expires. */
  | 'issuer_expired'
  /** A resident's points held from one lot (owner and expiry as the lot's), until captured or released. */
  | 'resident_held'
  /**
   * What a merchant captured of an issuer's points, until its cycle's 注销 cancels it; below zero
   * after a refund of a capture that an earlier cycle has cleared, until the next 注销 reinstates.
   */
  | 'merchant_clearing'
  /** The issuer's points cancelled (注销) by clearing: redeemed, paid for, out of circulation. */
  | 'issuer_cancelled';

/** Kinds that are a resident's, pooled per asset and expiry in the public log. */
export const RESIDENT_KINDS: readonly AccountKind[] = ['resident', 'resident_held'];

export interface AccountKey {
  issuerId: number;
  kind: AccountKind;
  ownerId: number;
  expiresOn: string;
}

export const NO_EXPIRY = '9999-12-31';

export function accountKeyString(k: AccountKey): string {
  return `${k.issuerId}|${k.kind}|${k.ownerId}|${k.expiresOn}`;
}

/** The account an issuer draws on: its prepaid block, or (postpaid) its mint, billed per cycle. */
export function issuanceSource(issuerId: number, fundingMode: 'prepaid' | 'postpaid'): AccountKey {
  return {
    issuerId,
    kind: fundingMode === 'prepaid' ? 'issuer_block' : 'issuer_mint',
    ownerId: 0,
    expiresOn: NO_EXPIRY,
  };
}
