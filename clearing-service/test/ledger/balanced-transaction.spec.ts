import { assertBalanced } from '../../src/ledger/balanced-transaction';
import { NO_EXPIRY, type AccountKey } from '../../src/ledger/ledger-account';
import type { NewTransaction } from '../../src/ledger/services/ledger-writer';

const block = (issuerId: number): AccountKey => ({
  issuerId,
  kind: 'issuer_block',
  ownerId: 0,
  expiresOn: NO_EXPIRY,
});
const lot = (issuerId: number, residentId: number): AccountKey => ({
  issuerId,
  kind: 'resident',
  ownerId: residentId,
  expiresOn: '2029-11-30',
});

function issuance(...postings: [AccountKey, number][]): NewTransaction {
  return {
    kind: 'issuance',
    reference: 'event:42',
    postings: postings.map(([account, amount]) => ({ account, amount })),
  };
}

it('passes an issuance whose postings sum to zero: block −12, resident +12', () => {
  expect(() => assertBalanced(issuance([block(1), -12], [lot(1, 7), 12]))).not.toThrow();
});

it('passes one block paying two residents, −5 = +3 + +2', () => {
  expect(() =>
    assertBalanced(issuance([block(1), -5], [lot(1, 7), 3], [lot(1, 8), 2])),
  ).not.toThrow();
});

it('refuses a transaction that would create a point out of nothing', () => {
  expect(() => assertBalanced(issuance([block(1), -12], [lot(1, 7), 13]))).toThrow(
    'transaction event:42 does not balance for asset 1 (1)',
  );
});

it('balances per asset: one issuer’s points never pay for another’s, even when the total is zero', () => {
  // −10 of issuer 1 and +10 of issuer 2 sum to zero overall, but each asset is off by 10.
  expect(() => assertBalanced(issuance([block(1), -10], [lot(2, 7), 10]))).toThrow(
    /does not balance for asset 1 \(-10\)/,
  );
});

it('passes two assets in one transaction when each balances on its own', () => {
  expect(() =>
    assertBalanced(issuance([block(1), -4], [lot(1, 7), 4], [block(2), -6], [lot(2, 7), 6])),
  ).not.toThrow();
});

it('refuses a zero, fractional or unsafe posting, even in a balanced transaction', () => {
  expect(() => assertBalanced(issuance([block(1), 0], [lot(1, 7), 0]))).toThrow(
    'posting amount 0 in event:42',
  );
  expect(() => assertBalanced(issuance([block(1), -0.5], [lot(1, 7), 0.5]))).toThrow(
    'posting amount -0.5 in event:42',
  );
  const huge = 2 ** 53;
  expect(() => assertBalanced(issuance([block(1), -huge], [lot(1, 7), huge]))).toThrow(
    /posting amount -9007199254740992/,
  );
});
