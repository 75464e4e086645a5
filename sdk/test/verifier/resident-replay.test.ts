// The bureau's per-resident replay over real entries (residentEntryLeaf): each entry found by its
// owner's next tag, checked against chain and commitment, lots kept per resident and compared.
import { keyedHash, leafHash, sha256LogHash, type LogHash } from '../../src/audit';
import { AuditDiscrepancy } from '../../src/verifier';
import { DiscrepancyFound } from '../../src/verifier/discrepancy';
import { ResidentReplay } from '../../src/verifier/resident-replay';
import {
  credit,
  key,
  PROGRAM,
  redeem,
  writeChain,
  type Written,
} from '../audit/support/account-chain';

const hash: LogHash = sha256LogHash;
const hmac = keyedHash(hash);
const LOT = '2029-12-31';

const alice = writeChain(hash, () => key(1), [
  { transaction: credit('points:metro', LOT, 40) },
  { transaction: credit('points:metro', LOT, 2) },
  { transaction: redeem('points:metro', LOT, 30, 'shop') },
]);
const bob = writeChain(hash, () => key(2), [{ transaction: credit('points:metro', LOT, 5) }]);

function replay(): ResidentReplay {
  const r = new ResidentReplay(hmac, PROGRAM);
  r.addResident({ resident: 'r_alice', keys: [{ fromSeq: 0, key: key(1) }] });
  r.addResident({ resident: 'r_bob', keys: [{ fromSeq: 0, key: key(2) }] });
  return r;
}

function feed(r: ResidentReplay, entries: [number, Written, string?][]): void {
  for (const [leafIndex, w, privateJson] of entries) {
    const tag = (
      JSON.parse(Buffer.from(w.data.subarray(1)).toString('utf8')) as {
        entry: { tag: string };
      }
    ).entry.tag;
    r.entry(leafIndex, w.data, leafHash(hash, w.data), tag, privateJson ?? w.privateJson);
  }
}

function failure(run: () => void): AuditDiscrepancy {
  try {
    run();
  } catch (err) {
    if (err instanceof DiscrepancyFound) return err.discrepancy;
    throw err;
  }
  throw new Error('expected a discrepancy');
}

test('attributes interleaved entries of two residents and compares their lots', () => {
  const r = replay();
  feed(r, [
    [0, alice[0]],
    [1, bob[0]],
    [2, alice[1]],
    [3, alice[2]],
  ]);
  expect(r.entriesChecked).toBe(4);
  r.compareReported({
    resident: 'r_alice',
    asset: 'points:metro',
    expiresOn: LOT,
    balance: '12',
    posted: '12',
  });
  r.compareReported({
    resident: 'r_bob',
    asset: 'points:metro',
    expiresOn: LOT,
    balance: '5',
    posted: '5',
  });
  expect(() => r.checkEveryLotReported()).not.toThrow();
});

test('a reported balance that differs names the resident and the lot', () => {
  const r = replay();
  feed(r, [[0, alice[0]]]);
  const d = failure(() =>
    r.compareReported({
      resident: 'r_alice',
      asset: 'points:metro',
      expiresOn: LOT,
      balance: '41',
      posted: '40',
    }),
  );
  expect(d).toMatchObject({ check: 'resident_balance', account: 'r_alice' });
  expect(d.message).toMatch(/cached balance is 41, the leaves give 40, last moved by leaf 0/);
  const unreported = replay();
  feed(unreported, [[0, bob[0]]]);
  expect(failure(() => unreported.checkEveryLotReported()).message).toMatch(
    /r_bob's lot .* holds 5 by the leaves but is missing/,
  );
});

test('an entry left out: the next one is no resident next tag', () => {
  const d = failure(() =>
    feed(replay(), [
      [0, alice[0]],
      [5, alice[2]],
    ]),
  );
  expect(d).toMatchObject({ check: 'resident_entry', leafIndex: 5 });
  expect(d.message).toMatch(/no resident's next tag/);
});

test('a fork: a second entry at one place of a chain is refused', () => {
  const fork = writeChain(hash, () => key(1), [{ transaction: credit('points:metro', LOT, 7) }]);
  const d = failure(() =>
    feed(replay(), [
      [0, alice[0]],
      [1, fork[0]],
    ]),
  );
  expect(d).toMatchObject({ check: 'resident_entry', leafIndex: 1 });
});

test('an entry of a resident the service does not list is refused', () => {
  const r = new ResidentReplay(hmac, PROGRAM);
  r.addResident({ resident: 'r_alice', keys: [{ fromSeq: 0, key: key(1) }] });
  expect(failure(() => feed(r, [[0, bob[0]]]))).toMatchObject({
    check: 'resident_entry',
    leafIndex: 0,
  });
});

test('a private part not as committed, or missing, is refused', () => {
  const altered = alice[0].privateJson.replace('"e-0"', '"e-9"');
  const d = failure(() => feed(replay(), [[0, alice[0], altered]]));
  expect(d.message).toMatch(
    /entry 0 of resident r_alice \(leaf 0\) is not the one its leaf commits to/,
  );
  const r = replay();
  const tag = (
    JSON.parse(Buffer.from(alice[0].data.subarray(1)).toString('utf8')) as {
      entry: { tag: string };
    }
  ).entry.tag;
  expect(
    failure(() => r.entry(0, alice[0].data, leafHash(hash, alice[0].data), tag, undefined)).message,
  ).toMatch(/gives no private part for entry 0 of resident r_alice/);
});

test("a resident's lot below zero fails even where the pool would not", () => {
  const spender = writeChain(hash, () => key(2), [
    { transaction: credit('points:metro', LOT, 5) },
    { transaction: redeem('points:metro', LOT, 30, 'shop') },
  ]);
  const d = failure(() =>
    feed(replay(), [
      [0, alice[0]],
      [1, spender[0]],
      [2, spender[1]],
    ]),
  );
  expect(d).toMatchObject({ check: 'resident_balance', leafIndex: 2, account: 'r_bob' });
  expect(d.message).toMatch(
    /takes resident r_bob's lot of points:metro expiring 2029-12-31 to -25/,
  );
});

test('format-1 postings fold into the resident they name', () => {
  const r = replay();
  r.legacy(0, [
    {
      account: 'x',
      accountId: '3',
      kind: 'resident',
      asset: 'points:metro',
      owner: null,
      expiresOn: LOT,
      amount: '9',
      residentRef: 'r_alice',
    },
  ]);
  feed(r, [[1, alice[0]]]);
  r.compareReported({
    resident: 'r_alice',
    asset: 'points:metro',
    expiresOn: LOT,
    balance: '49',
    posted: '49',
  });
  expect(() => r.checkEveryLotReported()).not.toThrow();
});

test('a key rotation: entries from fromSeq on open under the new key', () => {
  const rotated = writeChain(hash, (seq) => (seq < 1 ? key(3) : key(4)), [
    { transaction: credit('points:metro', LOT, 1) },
    { transaction: credit('points:metro', LOT, 1) },
  ]);
  const r = new ResidentReplay(hmac, PROGRAM);
  r.addResident({
    resident: 'r_carol',
    keys: [
      { fromSeq: 0, key: key(3) },
      { fromSeq: 1, key: key(4) },
    ],
  });
  feed(r, [
    [0, rotated[0]],
    [1, rotated[1]],
  ]);
  expect(r.entriesChecked).toBe(2);
});
