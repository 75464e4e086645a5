// The keyed hash and the values a resident entry shows: HMAC over the log's own hash equals
// node:crypto's HMAC (SHA-256 and SM3), and a tag moves with every input it commits to.
import { createHmac } from 'node:crypto';
import { sha256LogHash, sm3LogHash } from '../../src/audit/hash';
import { keyedHash } from '../../src/audit/resident-entry/keyed-hash';
import {
  CHAIN_START,
  entryCommitment,
  residentTag,
  RESIDENT_TAG_SIZE,
} from '../../src/audit/resident-entry/resident-tag';
import { type ChainState, residentEntryLeaf } from '../../src/audit/resident-entry/entry-leaf';
import { leafHash } from '../../src/audit/tree-hash';

const bytes = (n: number, seed: number) => new Uint8Array(n).map((_, i) => (i * 31 + seed) & 0xff);

test.each([
  ['sha256', sha256LogHash],
  ['sm3', sm3LogHash],
] as const)(
  'HMAC-%s equals node:crypto for keys and messages of every size class',
  (name, hash) => {
    const hmac = keyedHash(hash);
    for (const keyLength of [0, 1, 32, 63, 64, 65, 200])
      for (const messageLength of [0, 1, 55, 56, 64, 119, 1000]) {
        const key = bytes(keyLength, keyLength);
        const message = bytes(messageLength, messageLength + 7);
        const expected = createHmac(name, key).update(message).digest();
        expect(Buffer.from(hmac(key, message)).toString('hex')).toBe(expected.toString('hex'));
      }
  },
);

test('a tag is 16 bytes and changes with the key, the sequence and the previous entry', () => {
  const hmac = keyedHash(sha256LogHash);
  const key = bytes(32, 1);
  const base = residentTag(hmac, key, 5, CHAIN_START);
  expect(base.length).toBe(RESIDENT_TAG_SIZE);
  const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
  const variants = [
    residentTag(hmac, bytes(32, 2), 5, CHAIN_START),
    residentTag(hmac, key, 6, CHAIN_START),
    residentTag(hmac, key, 5, bytes(32, 9)),
    residentTag(hmac, key, 2 ** 32 + 5, CHAIN_START), // the high word counts too
  ];
  for (const v of variants) expect(hex(v)).not.toBe(hex(base));
  expect(hex(residentTag(hmac, key, 5, CHAIN_START))).toBe(hex(base));
  expect(() => residentTag(hmac, key, -1, CHAIN_START)).toThrow(RangeError);
  // Pinned: the scheme is a format; a change here breaks every verifier in the field.
  expect(hex(base)).toBe(
    createHmac('sha256', key)
      .update(
        Buffer.concat([
          Buffer.from('tanlian/resident-tag/v1'),
          Buffer.from([0, 0, 0, 0, 0, 0, 0, 0, 5]),
          Buffer.from(CHAIN_START),
        ]),
      )
      .digest()
      .subarray(0, 16)
      .toString('hex'),
  );
});

test('a commitment binds the private part and its sequence number', () => {
  const hmac = keyedHash(sm3LogHash);
  const key = bytes(32, 3);
  const a = entryCommitment(hmac, key, 0, '{"a":"1","seq":0}');
  expect(a.length).toBe(32);
  expect(Buffer.from(entryCommitment(hmac, key, 0, '{"a":"2","seq":0}'))).not.toEqual(
    Buffer.from(a),
  );
  expect(Buffer.from(entryCommitment(hmac, key, 1, '{"a":"1","seq":0}'))).not.toEqual(
    Buffer.from(a),
  );
});

test('entries chain: each leaf tags the hash of the one before, and carries seq in its private part', () => {
  const hmac = keyedHash(sha256LogHash);
  const key = bytes(32, 4);
  let chain: ChainState = { seq: 0, previousLeafHash: CHAIN_START };
  const leaves = [];
  for (let i = 0; i < 3; i++) {
    const { leaf, next } = residentEntryLeaf(sha256LogHash, hmac, key, chain, {
      body: { type: 'reduction_credit', program: 'p', day: '2026-12-01', transaction: null },
      secret: { behaviour: 'metro', amount: String(i) },
    });
    expect(leaf.data[0]).toBe(2);
    expect(JSON.parse(leaf.privateJson).seq).toBe(i);
    const body = JSON.parse(Buffer.from(leaf.data.subarray(1)).toString('utf8'));
    expect(Buffer.from(body.entry.tag, 'base64')).toEqual(
      Buffer.from(residentTag(hmac, key, i, chain.previousLeafHash)),
    );
    expect(Buffer.from(next.previousLeafHash)).toEqual(
      Buffer.from(leafHash(sha256LogHash, leaf.data)),
    );
    leaves.push(leaf);
    chain = next;
  }
  expect(new Set(leaves.map((l) => Buffer.from(l.data).toString('hex'))).size).toBe(3);
});
