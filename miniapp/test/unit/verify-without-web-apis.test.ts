/**
 * @jest-environment node
 */
// The app's verification code as it runs on the phone: no fetch, TextEncoder, TextDecoder,
// Request, Headers or crypto.getRandomValues (deleted below, before the app's modules load). A real
// log: leaves in the sdk's MerkleTree, checkpoints signed with Ed25519, tiles served from the
// spec's definition, a key rotation announced in the log, and a resident's chain for
// verifyAccount. Taro's request and storage are the mocks (no network is used).
import {
  MerkleTree,
  canonicalJson,
  encodeBase64,
  formatCheckpoint,
  formatKeyId,
  formatVerifierKey,
  leafHash,
  noteKeyId,
  sha256LogHash,
  signNote,
  type NoteSigner,
} from '../../../sdk/src/audit';
import { ReferenceTiles } from '../../../sdk/test/audit/tiles/reference-tiles';
import { testKey } from '../../../sdk/test/audit/support/keys';
import {
  credit,
  key,
  otherLeaf,
  publish,
  writeChain,
} from '../../../sdk/test/audit/support/account-chain';

const REMOVED = ['fetch', 'TextEncoder', 'TextDecoder', 'Request', 'Headers', 'crypto'] as const;
const saved = new Map<string, PropertyDescriptor | undefined>();
for (const name of REMOVED) {
  saved.set(name, Object.getOwnPropertyDescriptor(globalThis, name));
  delete (globalThis as Record<string, unknown>)[name];
}
afterAll(() => {
  for (const [name, d] of saved) if (d) Object.defineProperty(globalThis, name, d);
});

// Loaded after the globals are gone, so nothing can have captured them.
/* eslint-disable @typescript-eslint/no-require-imports */
const { verifyRecord } =
  require('../../src/audit/verify-record') as typeof import('../../src/audit/verify-record');
const { trustFrom } = require('../../src/audit/trust') as typeof import('../../src/audit/trust');
const { checkAccount } =
  require('../../src/audit/account-check') as typeof import('../../src/audit/account-check');
const { knownFork } =
  require('../../src/audit/fork-state') as typeof import('../../src/audit/fork-state');
const { verifiedCheckpoint } =
  require('../../src/audit/verified-checkpoints') as typeof import('../../src/audit/verified-checkpoints');
const { randomBytes } =
  require('../../src/services/random') as typeof import('../../src/services/random');
/* eslint-enable @typescript-eslint/no-require-imports */

const ORIGIN = 'tanlian.example/shenzhen/sha256';
const A = testKey('tanlian.example-a');
const B = testKey('tanlian.example-b');
const ROGUE = testKey('tanlian.example-rogue');
const vkey = (k: typeof A) => formatVerifierKey(k.verifier);

const leaf = (body: object) =>
  new Uint8Array([1, ...new Uint8Array(Buffer.from(canonicalJson(body as never)))]);
const keyLeaf = (type: string, k: typeof A) =>
  leaf({
    type,
    program: 'shenzhen',
    at: '2026-12-01T00:00:00.000Z',
    key: {
      name: k.verifier.name,
      keyId: formatKeyId(noteKeyId(k.verifier.name, k.verifier.publicKey)),
      vkey: vkey(k),
    },
  });

// 0-3 other leaves, 4 activates B (sealed by A's checkpoint of 5), 5-9 others; 10 leaves.
const leaves = [0, 1, 2, 3]
  .map(otherLeaf)
  .concat([keyLeaf('checkpoint_key_activated', B)], [5, 6, 7, 8, 9].map(otherLeaf));
const tree = new MerkleTree(sha256LogHash);
leaves.forEach((l) => tree.appendData(l));
const tiles = new ReferenceTiles(
  sha256LogHash,
  leaves.map((l) => leafHash(sha256LogHash, l)),
);
const note = (size: number, signer: NoteSigner, root = tree.root(size)) =>
  signNote(formatCheckpoint({ origin: ORIGIN, size, rootHash: root }), signer);

const view = {
  hash: 'sha256' as const,
  origin: ORIGIN,
  genesis: [vkey(A)],
  witnesses: [],
  announcements: [
    {
      leafIndex: 4,
      leafData: encodeBase64(leaves[4]),
      inclusionProof: tree.inclusionProof(4, 5).map(encodeBase64),
      checkpoint: note(5, A.signer),
    },
  ],
};
const pinnedA = { vkeys: [vkey(A)], root: 'pinned' as const, origin: ORIGIN };
const receipt = (i: number) => ({
  leafIndex: i,
  leafHash: encodeBase64(leafHash(sha256LogHash, leaves[i])),
});
const consistency = async (from: number, to: number) => tree.consistencyProof(from, to);

test('the web APIs the phone lacks are really gone', () => {
  for (const name of REMOVED) expect((globalThis as Record<string, unknown>)[name]).toBeUndefined();
});

test('✓ a record against a checkpoint of the rotated key, the app pinning only the first key', async () => {
  const trust = trustFrom(view, pinnedA);
  const result = await verifyRecord({
    receipt: receipt(7),
    checkpointNote: note(10, B.signer),
    trust,
    tiles: tiles.source(10),
    consistencyProof: consistency,
  });
  expect(result).toMatchObject({
    ok: true,
    treeSize: 10,
    leafIndex: 7,
    signers: ['tanlian.example-b'],
    root: 'pinned',
  });
});

test('without the announcement, the rotated key’s checkpoint fails at the signature step', async () => {
  const trust = trustFrom({ ...view, announcements: [] }, pinnedA);
  const result = await verifyRecord({
    receipt: receipt(7),
    checkpointNote: note(10, B.signer),
    trust,
    tiles: tiles.source(10),
  });
  expect(result).toMatchObject({ ok: false, step: 'signature' });
});

test('a checkpoint by a key nobody trusts fails at the signature step', async () => {
  const trust = trustFrom(view, pinnedA);
  const result = await verifyRecord({
    receipt: receipt(3),
    checkpointNote: note(10, ROGUE.signer),
    trust,
    tiles: tiles.source(10),
  });
  expect(result).toMatchObject({ ok: false, step: 'signature' });
});

test('a tampered receipt fails at the inclusion step', async () => {
  const trust = trustFrom(view, pinnedA);
  const tampered = { leafIndex: 7, leafHash: receipt(6).leafHash };
  const result = await verifyRecord({
    receipt: tampered,
    checkpointNote: note(10, A.signer),
    trust,
    tiles: tiles.source(10),
    consistencyProof: consistency,
  });
  expect(result).toMatchObject({ ok: false, step: 'inclusion' });
});

test('a checkpoint that does not extend the cached one is a fork, kept for the warning', async () => {
  const trust = trustFrom(view, pinnedA);
  expect(knownFork()).toBeUndefined();
  // the phone verifies against the checkpoint of 8 first: it is cached
  const first = await verifyRecord({
    receipt: receipt(2),
    checkpointNote: note(8, A.signer),
    trust,
    tiles: tiles.source(8),
    consistencyProof: consistency,
  });
  expect(first.ok).toBe(true);
  // then the service shows another history of 10 leaves, signed by the same key
  const other = new MerkleTree(sha256LogHash);
  leaves.forEach((l, i) => other.appendData(i === 5 ? otherLeaf(99) : l));
  const forked = await verifyRecord({
    receipt: receipt(2),
    checkpointNote: note(10, A.signer, other.root()),
    trust,
    tiles: tiles.source(10),
    consistencyProof: async (from, to) => other.consistencyProof(from, to),
  });
  expect(forked).toMatchObject({ ok: false, step: 'consistency' });
  expect(knownFork()?.reason).toMatch(/does not extend the one of 8/);
});

test('offline: verifies against the cached checkpoint', async () => {
  const trust = trustFrom(view, pinnedA);
  await verifyRecord({
    receipt: receipt(1),
    checkpointNote: note(9, A.signer),
    trust,
    tiles: tiles.source(9),
    consistencyProof: consistency,
  });
  const offline = await verifyRecord({
    receipt: receipt(1),
    checkpointNote: null,
    trust,
    tiles: tiles.source(9),
  });
  expect(offline).toMatchObject({ ok: true, treeSize: 9, offline: true });
});

test('a page’s checkpoint is verified once, under the trust it verified with only', async () => {
  const note10 = note(10, B.signer);
  const first = verifiedCheckpoint(trustFrom(view, pinnedA), note10);
  expect(first.ok).toBe(true);
  // a fresh trust object with the same keys and announcements: the same verification, not redone
  const again = verifiedCheckpoint(trustFrom(view, pinnedA), note10);
  expect(again.ok && first.ok && again.verified === first.verified).toBe(true);
  // the same note under a trust without B's announcement is checked afresh, and fails
  const unannounced = verifiedCheckpoint(
    trustFrom({ ...view, announcements: [] }, pinnedA),
    note10,
  );
  expect(unannounced).toMatchObject({ ok: false, step: 'signature' });
  // a note whose signature differs by one character is not the cached one
  const sig = note10.lastIndexOf(' ') + 5;
  const forged = note10.slice(0, sig) + (note10[sig] === 'A' ? 'B' : 'A') + note10.slice(sig + 1);
  expect(verifiedCheckpoint(trustFrom(view, pinnedA), forged)).toMatchObject({ ok: false });
  // and each record is still proven: a tampered one fails at inclusion with the checkpoint cached
  const trust = trustFrom(view, pinnedA);
  const good = await verifyRecord({
    receipt: receipt(8),
    checkpointNote: note10,
    trust,
    tiles: tiles.source(10),
    consistencyProof: consistency,
  });
  expect(good).toMatchObject({ ok: true, leafIndex: 8 });
  const bad = await verifyRecord({
    receipt: { leafIndex: 8, leafHash: receipt(9).leafHash },
    checkpointNote: note10,
    trust,
    tiles: tiles.source(10),
    consistencyProof: consistency,
  });
  expect(bad).toMatchObject({ ok: false, step: 'inclusion' });
});

describe('账户完整性 with verifyAccount', () => {
  const K = key(3);
  const written = writeChain(sha256LogHash, () => K, [
    { transaction: credit('points:shenzhen-metro', '2027-12-31', 30) },
    { transaction: credit('points:shenzhen-metro', '2027-12-31', 12) },
    { transaction: credit('points:shenzhen-bus', '2028-06-30', 5) },
  ]);
  const input = publish(sha256LogHash, written, [{ fromSeq: 0, key: K }]);
  const checkpoint = signNote(
    formatCheckpoint({
      origin: ORIGIN,
      size: input.checkpoint.size,
      rootHash: input.checkpoint.rootHash,
    }),
    A.signer,
  );
  const page = (entries = input.entries) => ({
    hash: 'sha256' as const,
    checkpoint,
    treeSize: input.checkpoint.size,
    keys: [{ fromSeq: 0, key: encodeBase64(K) }],
    entries: entries.map((e) => ({
      leafIndex: e.leafIndex,
      seq: e.seq,
      leafData: encodeBase64(e.leafData),
      private: e.privateJson,
      inclusionProof: e.proof.map(encodeBase64),
    })),
    unsealed: 0,
    next: null,
  });
  const displayed = [
    { issuer: 'shenzhen-metro', expiresOn: '2027-12-31', points: '42' },
    { issuer: 'shenzhen-bus', expiresOn: '2028-06-30', points: '5' },
  ];

  test('every entry present and the balance their sum', async () => {
    const trust = trustFrom(view, pinnedA);
    const result = await checkAccount(
      { program: 'shenzhen', page: async () => page(), displayed },
      trust,
    );
    expect(result).toEqual({ ok: true, count: 3, unsealed: 0 });
  });

  test('a balance the entries do not add up to fails at the balance step', async () => {
    const trust = trustFrom(view, pinnedA);
    const wrong = [{ ...displayed[0], points: '50' }, displayed[1]];
    const result = await checkAccount(
      { program: 'shenzhen', page: async () => page(), displayed: wrong },
      trust,
    );
    expect(result).toMatchObject({ ok: false, step: 'balance' });
  });

  test('an entry left out fails at the sequence step', async () => {
    const trust = trustFrom(view, pinnedA);
    const result = await checkAccount(
      {
        program: 'shenzhen',
        page: async () => page([input.entries[0], input.entries[2]]),
        displayed,
      },
      trust,
    );
    expect(result).toMatchObject({ ok: false, step: 'sequence' });
  });
});

test('random bytes without crypto: the fallback still gives distinct keys', async () => {
  const a = await randomBytes(16);
  const b = await randomBytes(16);
  expect(a.source).toBe('fallback');
  expect(a.bytes).toHaveLength(16);
  expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(false);
});
