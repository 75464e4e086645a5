// Leaf bodies shaped like the clearing service's (crediting-writer.ts leavesOf, funding.service.ts
// top-ups, transaction-leaf.ts), built from a few named accounts.
import type { CanonicalValue } from '../../../src';

export const PROGRAM = 'shenzhen';
const AT = '2026-11-21T08:00:00.000Z';

export interface TestAccount {
  id: string;
  kind: 'issuer_mint' | 'issuer_block' | 'resident' | 'merchant';
  asset: string;
  owner: string | null;
  expiresOn: string | null;
}

export const ACCOUNTS = {
  metroMint: account('1', 'issuer_mint', 'metro'),
  metroBlock: account('2', 'issuer_block', 'metro'),
  alice: account('3', 'resident', 'metro', 'r_a11ce', '2036-11-21'),
  bikesMint: account('4', 'issuer_mint', 'bikes'),
  bob: account('5', 'resident', 'bikes', 'r_b0b', '2036-11-21'),
  shop: account('6', 'merchant', 'metro'),
} satisfies Record<string, TestAccount>;

function account(
  id: string,
  kind: TestAccount['kind'],
  issuer: string,
  owner: string | null = null,
  expiresOn: string | null = null,
): TestAccount {
  return { id, kind, asset: `points:${issuer}`, owner, expiresOn };
}

export type Body = { [key: string]: CanonicalValue };
type Move = [TestAccount, bigint];

let nextTx = 1;

export function transaction(kind: string, moves: Move[]): Body {
  const id = String(nextTx++);
  return {
    id,
    kind,
    reference: `${kind}:${id}`,
    postings: moves.map(([a, amount]) => ({
      account: a.id,
      kind: a.kind,
      asset: a.asset,
      owner: a.owner,
      expiresOn: a.expiresOn,
      amount: String(amount),
    })),
  };
}

export function topUp(amount: bigint, program = PROGRAM): Body {
  return {
    type: 'top_up',
    program,
    at: AT,
    issuer: 'metro',
    transaction: transaction('top_up', [
      [ACCOUNTS.metroMint, -amount],
      [ACCOUNTS.metroBlock, amount],
    ]),
  };
}

/** A reduction credited with points moved `from` an issuer account to a resident. */
export function credit(
  from: TestAccount,
  to: TestAccount,
  points: bigint,
  program = PROGRAM,
): Body {
  return {
    type: 'reduction_credit',
    program,
    at: AT,
    event: `e_${nextTx}`,
    resident: to.owner,
    reduction: {
      id: String(nextTx),
      mg: '120000',
      calculatedMg: '120000',
      methodology: 'SZ-TRANSIT@1',
      methodologyHash: 'ab'.repeat(32),
      behaviour: 'metro',
      date: '2026-11-21',
      district: '440305',
    },
    points: { amount: String(points), issuer: from.asset.slice(7), status: 'credited' },
    transaction: transaction('issuance', [
      [from, -points],
      [to, points],
    ]),
  };
}

/** A reduction too small for a point: a leaf with no transaction. */
export function creditWithoutPoints(): Body {
  return {
    type: 'reduction_credit',
    program: PROGRAM,
    at: AT,
    event: `e_${nextTx++}`,
    resident: ACCOUNTS.alice.owner,
    reduction: { id: String(nextTx), mg: '10', calculatedMg: '10', methodology: 'SZ-TRANSIT@1' },
    points: { amount: '0', issuer: 'metro', status: 'none' },
    transaction: null,
  };
}

export function methodologyPublished(): Body {
  return {
    type: 'methodology_published',
    program: PROGRAM,
    at: AT,
    methodology: 'SZ-TRANSIT@1',
    contentHash: 'ab'.repeat(32),
  };
}

export function redemption(from: TestAccount, to: TestAccount, points: bigint): Body {
  return {
    type: 'reduction_credit', // any known type may carry a transaction
    program: PROGRAM,
    at: AT,
    transaction: transaction('capture', [
      [from, -points],
      [to, points],
    ]),
  };
}

/** A typical honest log: top-ups, prepaid and postpaid credits, leaves without transactions. */
export function honestBodies(): Body[] {
  return [
    methodologyPublished(),
    topUp(BigInt(1000)),
    credit(ACCOUNTS.metroBlock, ACCOUNTS.alice, BigInt(30)),
    creditWithoutPoints(),
    credit(ACCOUNTS.bikesMint, ACCOUNTS.bob, BigInt(12)),
    credit(ACCOUNTS.metroBlock, ACCOUNTS.alice, BigInt(45)),
    redemption(ACCOUNTS.alice, ACCOUNTS.shop, BigInt(50)),
    topUp(BigInt(500)),
    credit(ACCOUNTS.bikesMint, ACCOUNTS.bob, BigInt(8)),
    creditWithoutPoints(),
    credit(ACCOUNTS.metroBlock, ACCOUNTS.alice, BigInt(7)),
    methodologyPublished(),
  ];
}
