// verifyAccount: a resident checks their whole chain with their keys, against a signed checkpoint.
// Every chain here is written by residentEntryLeaf and published in a real MerkleTree; each tamper
// is what a dishonest service could hand the phone.
import { createHmac } from 'node:crypto';
import {
  type AccountCheck,
  type AccountCheckInput,
  type LogHash,
  CHAIN_START,
  leafHash,
  sha256LogHash,
  sm3LogHash,
  verifyAccount,
} from '../../src/audit';
import {
  type EntrySpec,
  type Written,
  credit,
  key,
  publish,
  redeem,
  writeChain,
} from './support/account-chain';

const A = key(1);
const B = key(2);
const METRO = 'points:metro';
const BUS = 'points:bus';

/** Seven entries: credits from two issuers into two lots, a redemption, and two without points. */
const SPECS: EntrySpec[] = [
  { transaction: credit(METRO, '2029-12-31', 37) },
  { transaction: null },
  { transaction: credit(BUS, '2029-06-30', 12), type: 'points_release' },
  { transaction: credit(METRO, '2029-12-31', 5) },
  { transaction: redeem(METRO, '2029-12-31', 20, 'm-coffee') },
  { transaction: null, day: '2026-12-02' },
  { transaction: credit(BUS, '2029-06-30', 8) },
];
const LOTS = [
  { asset: BUS, expiresOn: '2029-06-30', points: '20' },
  { asset: METRO, expiresOn: '2029-12-31', points: '22' },
];

const onlyA = [{ fromSeq: 0, key: A }];

function failure(result: AccountCheck) {
  if (result.ok) throw new Error('expected the check to fail');
  return result;
}

/** Renumbers a written entry as the service would have to (it cannot re-tag without the key). */
function renumbered(w: Written, seq: number): Written {
  const secret = JSON.parse(w.privateJson) as Record<string, unknown>;
  return { ...w, seq, privateJson: JSON.stringify({ ...secret, seq }) };
}

/** The leaf data with its body's JSON text changed (the same length keeps it canonical). */
function editedLeaf(data: Uint8Array, from: string, to: string): Uint8Array {
  const text = Buffer.from(data.subarray(1)).toString('utf8');
  expect(text).toContain(from);
  return new Uint8Array([data[0], ...Buffer.from(text.replace(from, to))]);
}

describe.each([
  ['sha256', sha256LogHash],
  ['sm3', sm3LogHash],
] as [string, LogHash][])('verifyAccount over %s', (_name, hash) => {
  const written = writeChain(hash, () => A, SPECS);
  const valid = (): AccountCheckInput => publish(hash, written, onlyA);

  test('a valid chain passes with its lots, count and head', () => {
    const input = valid();
    const result = verifyAccount({ ...input, displayed: LOTS });
    expect(result).toEqual({
      ok: true,
      count: 7,
      head: leafHash(hash, written[6].data),
      lots: LOTS,
      entriesChecked: 7,
    });
  });

  test('the service drops entry 3 and renumbers the rest: tag of entry 3', () => {
    const dropped = [
      ...written.slice(0, 3),
      ...written.slice(4).map((w, i) => renumbered(w, 3 + i)),
    ];
    const result = failure(verifyAccount(publish(hash, dropped, onlyA)));
    expect(result).toMatchObject({ step: 'tag', seq: 3 });
    expect(result.message).toMatch(/entry 3 \(leaf \d+\).*missing or altered/);
  });

  test('the service drops entry 3 without renumbering: sequence names the gap', () => {
    const dropped = [...written.slice(0, 3), ...written.slice(4)];
    const result = failure(verifyAccount(publish(hash, dropped, onlyA)));
    expect(result).toMatchObject({ step: 'sequence', seq: 3 });
    expect(result.message).toBe('entry 3 is missing: the service showed 2 then 4');
  });

  test('the first entry withheld: sequence', () => {
    const result = failure(verifyAccount(publish(hash, written.slice(1), onlyA)));
    expect(result).toMatchObject({ step: 'sequence', seq: 0 });
    expect(result.message).toBe("entry 0 is missing: the service's first entry is 1");
  });

  test("another key's entry in place of entry 3: tag", () => {
    const prefix = written.slice(0, 3);
    const [forged] = writeChain(
      hash,
      () => B,
      [{ transaction: credit(METRO, '2029-12-31', 999) }],
      {
        seq: 3,
        previousLeafHash: leafHash(hash, prefix[2].data),
      },
    );
    const result = failure(
      verifyAccount(publish(hash, [...prefix, forged, ...written.slice(4)], onlyA)),
    );
    expect(result).toMatchObject({ step: 'tag', seq: 3 });
    expect(result.message).toMatch(/not yours \(forged/);
  });

  test('a changed private part: commitment', () => {
    const altered = written.map((w, i) =>
      i === 2 ? { ...w, privateJson: w.privateJson.replace('"e-2"', '"e-9"') } : w,
    );
    expect(altered[2].privateJson).not.toBe(written[2].privateJson);
    const result = failure(verifyAccount(publish(hash, altered, onlyA)));
    expect(result).toMatchObject({ step: 'commitment', seq: 2 });
  });

  test('a changed public amount, published in the log: commitment of that entry', () => {
    // The private part names the lots the entry moved (`lots`) and the commitment binds it: a public
    // amount that differs is caught at the entry itself (before entry 4's tag would be).
    const altered = written.map((w, i) =>
      i === 3 ? { ...w, data: editedLeaf(w.data, '"amount":"5"', '"amount":"9"') } : w,
    );
    const result = failure(verifyAccount(publish(hash, altered, onlyA)));
    expect(result).toMatchObject({ step: 'commitment', seq: 3 });
    expect(result.message).toMatch(/public amounts .* are not those its private part commits to/);
  });

  test('a changed public amount shown to the phone only: that entry fails', () => {
    // Caught by its commitment (the lots) before its proof (the log holds the true leaf) is looked at.
    const input = valid();
    const entries = input.entries.map((e, i) =>
      i === 3 ? { ...e, leafData: editedLeaf(e.leafData, '"amount":"5"', '"amount":"9"') } : e,
    );
    const result = failure(verifyAccount({ ...input, entries }));
    expect(result).toMatchObject({
      step: 'commitment',
      seq: 3,
      leafIndex: input.entries[3].leafIndex,
    });
  });

  test("the last entry's public amount changed in the log is caught too: its lots are committed", () => {
    // No later tag covers the last entry's leaf hash; its commitment of `lots` does.
    const altered = written.map((w, i) =>
      i === 6 ? { ...w, data: editedLeaf(w.data, '"amount":"8"', '"amount":"9"') } : w,
    );
    expect(failure(verifyAccount(publish(hash, altered, onlyA)))).toMatchObject({
      step: 'commitment',
      seq: 6,
    });
  });

  test("the service's own HMAC (node:crypto) gives the same answer", () => {
    const hmac = (k: Uint8Array, m: Uint8Array) =>
      new Uint8Array(createHmac(hash.name, k).update(m).digest());
    expect(verifyAccount({ ...valid(), hmac, displayed: LOTS })).toMatchObject({
      ok: true,
      count: 7,
    });
  });

  test('a leaf index beyond the checkpoint: inclusion', () => {
    const input = valid();
    const entries = input.entries.map((e, i) =>
      i === 6 ? { ...e, leafIndex: input.checkpoint.size } : e,
    );
    const result = failure(verifyAccount({ ...input, entries }));
    expect(result).toMatchObject({ step: 'inclusion', seq: 6, leafIndex: input.checkpoint.size });
    expect(result.message).toMatch(/index is beyond size/);
  });

  test('a wrong proof: inclusion', () => {
    const input = valid();
    const wrongSibling = input.entries.map((e, i) =>
      i === 5 ? { ...e, proof: [input.entries[4].proof[0], ...e.proof.slice(1)] } : e,
    );
    expect(failure(verifyAccount({ ...input, entries: wrongSibling }))).toMatchObject({
      step: 'inclusion',
      seq: 5,
    });
    const short = input.entries.map((e, i) => (i === 1 ? { ...e, proof: e.proof.slice(1) } : e));
    expect(failure(verifyAccount({ ...input, entries: short }))).toMatchObject({
      step: 'inclusion',
      seq: 1,
    });
    const other = { ...input.checkpoint, rootHash: hash.digest(new Uint8Array(1)) };
    expect(failure(verifyAccount({ ...input, checkpoint: other }))).toMatchObject({
      step: 'inclusion',
      seq: 0,
    });
  });

  test('a history rolled back, or forked, fails; one extending it passes', () => {
    const five = verifyAccount(publish(hash, written.slice(0, 5), onlyA));
    if (!five.ok) throw new Error(five.message);
    const previous = { count: five.count, head: five.head };

    const rolledBack = failure(
      verifyAccount({ ...publish(hash, written.slice(0, 4), onlyA), previous }),
    );
    expect(rolledBack.step).toBe('history');
    expect(rolledBack.message).toBe(
      'your history was rolled back or its tail withheld: 4 entries, you verified 5 before',
    );

    // A fork: the service holds the resident's key (it writes their entries), so it can write a
    // second chain from entry 4 on; the phone that verified the first one notices.
    const fork = [
      ...written.slice(0, 4),
      ...writeChain(hash, () => A, [{ transaction: null }, ...SPECS.slice(5)], {
        seq: 4,
        previousLeafHash: leafHash(hash, written[3].data),
      }),
    ];
    const forked = failure(verifyAccount({ ...publish(hash, fork, onlyA), previous }));
    expect(forked).toMatchObject({ step: 'history', seq: 4 });
    expect(forked.message).toMatch(/^your history forked: entry 4/);

    expect(verifyAccount({ ...valid(), previous })).toMatchObject({ ok: true, count: 7 });
    expect(verifyAccount({ ...valid(), previous: { count: 0, head: CHAIN_START } }).ok).toBe(true);
  });

  test('displayed lots that differ: balance names the lot', () => {
    const input = valid();
    const cases: [AccountCheckInput['displayed'], RegExp][] = [
      [[LOTS[1]], /does not show your 20 points of points:bus expiring on 2029-06-30/],
      [
        [...LOTS, { asset: BUS, expiresOn: '2030-01-01', points: '3' }],
        /2030-01-01, which your entries do not hold/,
      ],
      [[LOTS[0], { ...LOTS[1], points: '42' }], /shows 42 points of points:metro.*add up to 22/],
      [[LOTS[0], LOTS[0], LOTS[1]], /twice/],
    ];
    for (const [displayed, message] of cases) {
      const result = failure(verifyAccount({ ...input, displayed }));
      expect(result.step).toBe('balance');
      expect(result.message).toMatch(message);
    }
    // The order the app lists its lots in is its own.
    expect(verifyAccount({ ...input, displayed: [LOTS[1], LOTS[0]] }).ok).toBe(true);
  });

  test('key rotation: entries 0-2 under A and 3+ under B pass; A on entry 3 fails', () => {
    const keys = [
      { fromSeq: 3, key: B },
      { fromSeq: 0, key: A },
    ];
    const rotated = writeChain(hash, (seq) => (seq < 3 ? A : B), SPECS);
    expect(verifyAccount({ ...publish(hash, rotated, keys), displayed: LOTS })).toMatchObject({
      ok: true,
      count: 7,
    });
    const late = writeChain(hash, (seq) => (seq < 4 ? A : B), SPECS);
    expect(failure(verifyAccount(publish(hash, late, keys)))).toMatchObject({
      step: 'tag',
      seq: 3,
    });
    // No key for entry 0 at all.
    expect(failure(verifyAccount(publish(hash, rotated, [{ fromSeq: 3, key: B }])))).toMatchObject({
      step: 'tag',
      seq: 0,
    });
  });

  test('an empty account passes with count 0', () => {
    expect(verifyAccount({ ...publish(hash, [], onlyA), displayed: [] })).toEqual({
      ok: true,
      count: 0,
      head: CHAIN_START,
      lots: [],
      entriesChecked: 0,
    });
  });

  test('format: a leaf that is not format 2, not canonical, of another program, or badly shaped', () => {
    const input = valid();
    const at3 = (leafData: Uint8Array, privateJson = input.entries[3].privateJson) =>
      failure(
        verifyAccount({
          ...input,
          entries: input.entries.map((e, i) => (i === 3 ? { ...e, leafData, privateJson } : e)),
        }),
      );
    const data = input.entries[3].leafData;
    const text = Buffer.from(data.subarray(1)).toString('utf8');
    const leaf = (body: string, version = 2) => new Uint8Array([version, ...Buffer.from(body)]);
    const body = JSON.parse(text) as Record<string, unknown>;
    const cases: [Uint8Array, RegExp][] = [
      [leaf(text, 1), /format byte 2/],
      [leaf(` ${text}`), /canonical/],
      [leaf(JSON.stringify(Object.fromEntries(Object.entries(body).reverse()))), /canonical/],
      [editedLeaf(data, '"program":"shenzhen"', '"program":"shenzhe1"'), /program "shenzhe1"/],
      [editedLeaf(data, '"day":"2026-12-01"', '"day":"2026-02-30"'), /day/],
      [editedLeaf(data, '"amount":"5"', '"amount":"x"'), /amount "x"/],
      [editedLeaf(data, '"amount":"-5"', '"amount":"-05"'), /amount "-05"/],
      [editedLeaf(data, '"tag":"', '"tag":"A'), /tag/],
      [
        new Uint8Array([...leaf(text).subarray(0, 10), 0xff, ...leaf(text).subarray(11)]),
        /canonical/,
      ],
    ];
    for (const [leafData, message] of cases) {
      const result = at3(leafData);
      expect(result).toMatchObject({
        step: 'format',
        seq: 3,
        leafIndex: input.entries[3].leafIndex,
      });
      expect(result.message).toMatch(message);
    }
    const privateJson = input.entries[3].privateJson;
    expect(at3(data, ` ${privateJson}`).message).toMatch(/private part is not/);
    expect(at3(data, privateJson.replace('"seq":3', '"seq":"3"')).message).toMatch(/"seq"/);
    // A private part that says another seq: the chain's order is at stake, not its shape.
    const result = at3(data, privateJson.replace('"seq":3', '"seq":2'));
    expect(result).toMatchObject({ step: 'sequence', seq: 3 });
  });

  test('sequence: leaf indexes must increase', () => {
    const input = valid();
    const entries = input.entries.map((e, i) =>
      i === 2 ? { ...e, leafIndex: input.entries[1].leafIndex } : e,
    );
    const result = failure(verifyAccount({ ...input, entries }));
    expect(result).toMatchObject({ step: 'sequence', seq: 2 });
    expect(result.message).toMatch(/not after entry 1's leaf/);
  });

  test('a sum beyond the safe integers fails format', () => {
    const big = writeChain(hash, () => A, [
      { transaction: credit(METRO, '2029-12-31', 2 ** 53 - 1) },
      { transaction: credit(METRO, '2029-12-31', 1) },
    ]);
    expect(failure(verifyAccount(publish(hash, big, onlyA)))).toMatchObject({
      step: 'format',
      seq: 1,
    });
  });
});
