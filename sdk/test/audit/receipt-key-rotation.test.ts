// A receipt signed after the log rotated its key still verifies on a phone that pinned only the
// first key, given the log's key announcements; without them, or with a forged one, it does not.
import {
  MerkleTree,
  canonicalJson,
  formatCheckpoint,
  formatKeyId,
  formatVerifierKey,
  noteKeyId,
  sha256LogHash,
  signNote,
  verifyReceipt,
  type KeyAnnouncement,
  type NoteSigner,
} from '../../src/audit';
import { testKey } from './support/keys';

const ORIGIN = 'tanlian.example/shenzhen/sha256';
const A = testKey('tanlian.example-a');
const B = testKey('tanlian.example-b');
const ROGUE = testKey('tanlian.example-rogue');

const leaf = (body: object) => new Uint8Array([1, ...Buffer.from(canonicalJson(body as never))]);
const keyLeaf = (type: string, k: typeof A) =>
  leaf({
    type,
    program: 'shenzhen',
    at: '2026-12-01T00:00:00.000Z',
    key: {
      name: k.verifier.name,
      keyId: formatKeyId(noteKeyId(k.verifier.name, k.verifier.publicKey)),
      vkey: formatVerifierKey(k.verifier),
    },
  });
const entry = (i: number) => leaf({ type: 'reduction_credit', program: 'shenzhen', n: i });

// Leaves 0-3 entries, 4 activates B, 5-7 entries, 8 retires A, 9-11 entries.
const leaves = [
  ...[0, 1, 2, 3].map(entry),
  keyLeaf('checkpoint_key_activated', B),
  ...[5, 6, 7].map(entry),
  keyLeaf('checkpoint_key_retired', A),
  ...[9, 10, 11].map(entry),
];
const tree = new MerkleTree(sha256LogHash);
leaves.forEach((l) => tree.appendData(l));
const note = (size: number, signer: NoteSigner) =>
  signNote(formatCheckpoint({ origin: ORIGIN, size, rootHash: tree.root(size) }), signer);
const announcement = (index: number, size: number, signer: NoteSigner): KeyAnnouncement => ({
  leafIndex: index,
  leafData: leaves[index],
  inclusionProof: tree.inclusionProof(index, size),
  checkpointNote: note(size, signer),
});

// B's activation covered by A's checkpoint 5; A's retirement by B's checkpoint 9.
const announcements = [announcement(4, 5, A.signer), announcement(8, 9, B.signer)];

function receipt(
  index: number,
  size: number,
  signer: NoteSigner,
  keyAnnouncements = announcements,
) {
  return verifyReceipt({
    hash: sha256LogHash,
    leafData: leaves[index],
    leafIndex: index,
    inclusionProof: tree.inclusionProof(index, size),
    checkpointNote: note(size, signer),
    trustedKeys: [A.verifier],
    origin: ORIGIN,
    keyAnnouncements,
  });
}

test('a receipt signed by the new key verifies with only the first key pinned', () => {
  expect(receipt(10, 12, B.signer)).toMatchObject({
    ok: true,
    signers: [{ name: B.verifier.name }],
  });
  expect(receipt(2, 4, A.signer)).toMatchObject({ ok: true }); // and the old ones still do
});

test('without the announcements, the new key is unknown', () => {
  expect(receipt(10, 12, B.signer, [])).toMatchObject({
    ok: false,
    step: 'signature',
    code: 'no-trusted-signature',
  });
});

test('the retired key signing past its retirement is refused', () => {
  expect(receipt(10, 12, A.signer)).toMatchObject({
    ok: false,
    step: 'signature',
    reason: expect.stringContaining(
      'retired by leaf 8: it may sign only checkpoints of at most 8 leaves',
    ),
  });
});

test('an announcement signed by the very key it announces is refused', () => {
  const selfSigned = [announcement(4, 5, B.signer)];
  expect(receipt(10, 12, B.signer, selfSigned)).toMatchObject({
    ok: false,
    step: 'keys',
    reason: expect.stringMatching(
      /^key announcement at leaf 4: the note has no signature from a trusted key/,
    ),
  });
});

test('an announcement whose leaf is not in its checkpoint is refused', () => {
  const rogueLeaf = keyLeaf('checkpoint_key_activated', ROGUE);
  const forged = [{ ...announcement(4, 5, A.signer), leafData: rogueLeaf }];
  expect(receipt(10, 12, ROGUE.signer, forged)).toMatchObject({
    ok: false,
    step: 'keys',
    code: 'root-mismatch',
  });
});
