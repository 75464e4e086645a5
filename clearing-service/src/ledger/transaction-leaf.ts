import type { CanonicalValue } from '@tanlian/sdk';
import { publicAccount } from './public-account';
import type { WrittenTransaction } from './services/ledger-writer';

/**
 * A ledger transaction as the public audit log shows it (leaf format 2): each posting's account in
 * its public form and the amount, so anyone can replay organisations' balances and residents'
 * pools. An organisation's transaction names its public reference (a top-up's).
 */
export function organisationTransactionPart(
  tx: WrittenTransaction,
  issuerCode: string,
  publicReference: string,
  ownerCodeOf: (account: WrittenTransaction['postings'][number]['account']) => string | null = () =>
    null,
): CanonicalValue {
  return {
    kind: tx.kind,
    reference: publicReference,
    postings: tx.postings.map((p) => ({
      ...publicAccount(p.account, issuerCode, ownerCodeOf(p.account)),
      amount: String(p.amount),
    })),
  };
}

/**
 * A resident entry's transaction in public: no reference (an event's is private), and each amount
 * shown as its binary denominations, one posting per set bit (97 → 64, 32, 1), so that an amount
 * one resident alone earns (a long commute, credited daily) is no value their entries share while
 * others' lack (the linkage scanner, test/e2e/linkage-scanner.e2e-spec.ts). The postings still
 * balance per asset and sum to the ledger's, so pools and organisations' accounts replay the same;
 * the entry's private part names each lot's whole amount.
 */
export function residentTransactionPart(
  tx: WrittenTransaction,
  issuerCode: string,
): CanonicalValue {
  return residentTransactionPartOf(tx, () => issuerCode);
}

/**
 * The same for a transaction across issuers (a hold may take several issuers' lots): each
 * posting's issuer by `issuerCodeOf`, and a merchant's account by `ownerCodeOf` (organisations
 * stay named; a resident posting names no one).
 */
export function residentTransactionPartOf(
  tx: WrittenTransaction,
  issuerCodeOf: (issuerId: number) => string,
  ownerCodeOf: (account: WrittenTransaction['postings'][number]['account']) => string | null = () =>
    null,
): CanonicalValue {
  return {
    kind: tx.kind,
    postings: tx.postings.flatMap((p) =>
      denominations(Math.abs(p.amount)).map((d) => ({
        ...publicAccount(p.account, issuerCodeOf(p.account.issuerId), ownerCodeOf(p.account)),
        amount: String(p.amount < 0 ? -d : d),
      })),
    ),
  };
}

/** The powers of two that sum to `amount` (a safe integer ≥ 0), largest first; none for 0. */
export function denominations(amount: number): number[] {
  const out: number[] = [];
  let rest = amount;
  for (let bit = 2 ** Math.floor(Math.log2(Math.max(1, rest))); rest > 0; bit /= 2)
    if (rest >= bit) {
      out.push(bit);
      rest -= bit;
    }
  return out;
}
