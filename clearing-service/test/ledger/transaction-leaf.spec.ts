import { denominations, residentTransactionPart } from '../../src/ledger/transaction-leaf';
import type { WrittenTransaction } from '../../src/ledger/services/ledger-writer';

describe("a resident entry's public transaction", () => {
  it('shows each amount as its binary denominations, largest first', () => {
    expect(denominations(0)).toEqual([]);
    expect(denominations(1)).toEqual([1]);
    expect(denominations(97)).toEqual([64, 32, 1]);
    expect(denominations(256)).toEqual([256]);
    for (const n of [3, 37, 1023, 1024, 123_456, 2 ** 40 + 5]) {
      const parts = denominations(n);
      expect(parts.reduce((a, b) => a + b, 0)).toBe(n);
      expect(new Set(parts).size).toBe(parts.length);
      expect(parts.every((p) => Number.isInteger(Math.log2(p)))).toBe(true);
    }
  });

  it('balances per asset and sums to the ledger postings, naming no resident', () => {
    const tx: WrittenTransaction = {
      id: 9,
      kind: 'issuance',
      reference: 'event:42',
      accountIds: [3, 11],
      postings: [
        {
          account: { issuerId: 1, kind: 'issuer_mint', ownerId: 0, expiresOn: '9999-12-31' },
          amount: -97,
        },
        {
          account: { issuerId: 1, kind: 'resident', ownerId: 77, expiresOn: '2029-12-31' },
          amount: 97,
        },
      ],
    };
    const part = residentTransactionPart(tx, 'metro') as {
      reference?: string;
      postings: { kind: string; owner: string | null; expiresOn: string | null; amount: string }[];
    };
    expect(part.reference).toBeUndefined();
    expect(part.postings.map((p) => [p.kind, p.amount])).toEqual([
      ['issuer_mint', '-64'],
      ['issuer_mint', '-32'],
      ['issuer_mint', '-1'],
      ['resident', '64'],
      ['resident', '32'],
      ['resident', '1'],
    ]);
    expect(part.postings.reduce((s, p) => s + Number(p.amount), 0)).toBe(0);
    expect(part.postings.filter((p) => p.kind === 'resident').every((p) => p.owner === null)).toBe(
      true,
    );
    expect(JSON.stringify(part)).not.toMatch(/"(account|id)"|77|event:42/);
  });
});
