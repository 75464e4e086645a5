// Receipts end to end: a program's log signs a checkpoint, the bureau cosigns, and the resident's
// phone checks their entry against keys pinned in the app. Each failure names its step.
import {
  MerkleTree,
  addSignature,
  formatCheckpoint,
  leafHash,
  sha256LogHash,
  signNote,
  sm3LogHash,
  verifyReceipt,
  type LogHash,
  type ReceiptInput,
} from '../../src/audit';
import { testKey } from './support/keys';

const ORIGIN = 'tanlian.example/shenzhen';
const log = testKey(ORIGIN);
const bureau = testKey('sthjj.sz.example/witness');
const stranger = testKey('evil.example/log');

function scenario(hash: LogHash, size = 21, index = 13) {
  const entries = Array.from(
    { length: size },
    (_, i) => new Uint8Array(Buffer.from(`\x01{"amount":"${i * 10}","resident":"salted-${i}"}`)),
  );
  const tree = new MerkleTree(hash);
  entries.forEach((e) => tree.appendData(e));
  const body = formatCheckpoint({ origin: ORIGIN, size, rootHash: tree.root() });
  const note = addSignature(signNote(body, log.signer), bureau.signer);
  const input: ReceiptInput = {
    hash,
    leafData: entries[index],
    leafIndex: index,
    inclusionProof: tree.inclusionProof(index),
    checkpointNote: note,
    trustedKeys: [log.verifier, bureau.verifier],
    origin: ORIGIN,
  };
  return { tree, entries, body, note, input };
}

const outcome = (r: ReturnType<typeof verifyReceipt>) => (r.ok ? 'ok' : `${r.step}: ${r.code}`);

describe.each<[string, LogHash]>([
  ['sha256', sha256LogHash],
  ['sm3', sm3LogHash],
])('%s log', (_name, hash) => {
  const { tree, entries, body, input } = scenario(hash);

  test('a genuine receipt verifies, by leaf data or by leaf hash', () => {
    const result = verifyReceipt(input);
    expect(outcome(result)).toBe('ok');
    expect(result.ok && result.checkpoint.size).toBe(21);
    expect(result.ok && result.signers.map((s) => s.name)).toEqual([ORIGIN, bureau.signer.name]);
    expect(result.ok && result.leafHash).toEqual(leafHash(hash, entries[13]));
    const byHash = { ...input, leafData: undefined, leafHash: leafHash(hash, entries[13]) };
    expect(outcome(verifyReceipt(byHash))).toBe('ok');
    expect(outcome(verifyReceipt({ ...input, origin: undefined }))).toBe('ok');
  });

  test('only one pinned key is needed', () => {
    expect(outcome(verifyReceipt({ ...input, trustedKeys: [bureau.verifier] }))).toBe('ok');
  });

  test('signature step: untrusted or tampered checkpoint', () => {
    expect(outcome(verifyReceipt({ ...input, trustedKeys: [stranger.verifier] }))).toBe(
      'signature: no-trusted-signature',
    );
    const forged = signNote(body, stranger.signer);
    expect(outcome(verifyReceipt({ ...input, checkpointNote: forged }))).toBe(
      'signature: no-trusted-signature',
    );
    const tampered = input.checkpointNote.replace('\n21\n', '\n22\n');
    expect(outcome(verifyReceipt({ ...input, checkpointNote: tampered }))).toBe(
      'signature: invalid-signature',
    );
    expect(outcome(verifyReceipt({ ...input, checkpointNote: body }))).toBe(
      'signature: malformed-note',
    );
  });

  test('checkpoint step: signed but not a checkpoint, or another log', () => {
    const notACheckpoint = signNote('hello\n', log.signer);
    expect(outcome(verifyReceipt({ ...input, checkpointNote: notACheckpoint }))).toBe(
      'checkpoint: malformed-checkpoint',
    );
    const otherLog = signNote(
      formatCheckpoint({ origin: 'tanlian.example/wuhan', size: 21, rootHash: tree.root() }),
      log.signer,
    );
    expect(outcome(verifyReceipt({ ...input, checkpointNote: otherLog }))).toBe(
      'checkpoint: origin-mismatch',
    );
  });

  test('inclusion step: wrong entry, index, proof or tree', () => {
    expect(outcome(verifyReceipt({ ...input, leafData: entries[12] }))).toBe(
      'inclusion: root-mismatch',
    );
    expect(outcome(verifyReceipt({ ...input, leafIndex: 12 }))).toBe('inclusion: root-mismatch');
    expect(outcome(verifyReceipt({ ...input, leafIndex: 21 }))).toBe(
      'inclusion: index-out-of-range',
    );
    expect(
      outcome(verifyReceipt({ ...input, inclusionProof: tree.inclusionProof(13, 20) })),
    ).toMatch(/^inclusion: /);
    expect(
      outcome(verifyReceipt({ ...input, inclusionProof: input.inclusionProof.slice(1) })),
    ).toBe('inclusion: wrong-proof-size');
    const bigger = scenario(hash, 22);
    const stale = { ...input, checkpointNote: bigger.note }; // proof is for size 21
    expect(outcome(verifyReceipt(stale))).toMatch(/^inclusion: /);
  });
});

test('the hash must be the one the log uses', () => {
  const { input } = scenario(sm3LogHash);
  expect(outcome(verifyReceipt({ ...input, hash: sha256LogHash }))).toBe(
    'inclusion: root-mismatch',
  );
});

test('input step: exactly one of leafData and leafHash', () => {
  const { input } = scenario(sha256LogHash);
  const both = { ...input, leafHash: new Uint8Array(32) } as unknown as ReceiptInput;
  const neither = { ...input, leafData: undefined } as unknown as ReceiptInput;
  expect(outcome(verifyReceipt(both))).toBe('input: invalid-argument');
  expect(outcome(verifyReceipt(neither))).toBe('input: invalid-argument');
});
