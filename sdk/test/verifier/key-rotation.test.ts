// A log rotates its checkpoint key in the open: the new key is announced in a leaf that a
// checkpoint of the old key covers, and the old key is retired by a leaf. A verifier that pinned
// only the old key follows the rotation; a key signing outside its range is caught.
import { formatVerifierKey, noteKeyId, verifyAuditLog, type NoteSigner } from '../../src';
import { testKey } from '../audit/support/keys';
import { honestBodies, PROGRAM, type Body } from './support/leaf-bodies';
import { LOG_KEY, MemoryLog } from './support/memory-log';

const B = testKey('tanlian.test-log-b');

function keyLeaf(type: string, key: { verifier: typeof B.verifier }): Body {
  const { name, publicKey } = key.verifier;
  return {
    type,
    program: PROGRAM,
    at: '2026-11-21T08:00:00.000Z',
    key: {
      name,
      keyId: noteKeyId(name, publicKey).toString(16).padStart(8, '0'),
      vkey: formatVerifierKey(key.verifier),
    },
  };
}

/**
 * Leaves 0-2 honest, 3 registers B, 4 activates B, 5-7 honest, 8 retires A, 9-14 honest.
 * `signers` gives the key of each checkpoint by size.
 */
function rotatedLog(signers: Record<number, NoteSigner>, omit: string[] = []): MemoryLog {
  const honest = honestBodies();
  const bodies = [
    ...honest.slice(0, 3),
    keyLeaf('checkpoint_key_registered', B),
    keyLeaf('checkpoint_key_activated', B),
    ...honest.slice(3, 6),
    keyLeaf('checkpoint_key_retired', LOG_KEY),
    ...honest.slice(6),
  ].filter((b) => !omit.includes(b.type as string));
  const sizes = Object.keys(signers).map(Number);
  const log = new MemoryLog(bodies, { checkpointSizes: sizes });
  sizes.forEach((size, i) => {
    log.checkpointList[i] = log.checkpointView(size, log.tree.root(size), signers[size]);
  });
  return log;
}

const verify = (log: MemoryLog) =>
  verifyAuditLog(log, { program: PROGRAM, trustedKeys: [LOG_KEY.verifier] });

const A = LOG_KEY.signer;

test('with only the old key pinned, the verifier follows the rotation across both keys', async () => {
  // 3: A; 5: A covers B's activation (leaf 4); 6: B; 8: A (8 ≤ its retirement at leaf 8); 9, 15: B.
  const log = rotatedLog({ 3: A, 5: A, 6: B.signer, 8: A, 9: B.signer, 15: B.signer });
  const result = await verify(log);
  expect(result.discrepancy).toBeNull();
  expect(result).toMatchObject({ ok: true, checkpointsChecked: 6, treeSize: 15 });
});

test('both keys verify while both are active', async () => {
  const log = rotatedLog({ 5: A, 6: B.signer, 7: A, 8: B.signer, 15: B.signer });
  expect((await verify(log)).ok).toBe(true);
});

test('the old key signing past its retirement fails', async () => {
  const result = await verify(rotatedLog({ 5: A, 9: A, 15: B.signer }));
  expect(result.discrepancy).toMatchObject({ check: 'signature' });
  expect(result.discrepancy?.message).toBe(
    'checkpoint 9 is signed by tanlian.test-log+' +
      noteKeyId(A.name, LOG_KEY.verifier.publicKey).toString(16).padStart(8, '0') +
      ', retired by leaf 8: it may sign only checkpoints of at most 8 leaves',
  );
});

test('the new key signing the checkpoint that announces it fails: nothing trusted announced it yet', async () => {
  const result = await verify(rotatedLog({ 3: A, 5: B.signer, 15: B.signer }));
  expect(result.discrepancy).toMatchObject({
    check: 'signature',
    message: 'checkpoint 5: the note has no signature from a trusted key',
  });
});

test('without the leaf that activates it, the new key is never trusted', async () => {
  // Leaves shift by one: 0-2 honest, 3 registers B, 4-6 honest, 7 retires A.
  const log = rotatedLog({ 5: A, 7: A, 14: B.signer }, ['checkpoint_key_activated']);
  const result = await verify(log);
  expect(result.discrepancy).toMatchObject({
    check: 'signature',
    message: 'checkpoint 14: the note has no signature from a trusted key',
  });
});

test('a retired new key signing beyond its range fails too', async () => {
  const honest = honestBodies();
  const bodies = [
    ...honest.slice(0, 3),
    keyLeaf('checkpoint_key_activated', B),
    ...honest.slice(3, 6),
    keyLeaf('checkpoint_key_retired', B),
    ...honest.slice(6),
  ];
  const log = new MemoryLog(bodies, { checkpointSizes: [4, 6, 8, 14] });
  const signers = [A, B.signer, A, B.signer];
  [4, 6, 8, 14].forEach((size, i) => {
    log.checkpointList[i] = log.checkpointView(size, log.tree.root(size), signers[i]);
  });
  const result = await verify(log);
  expect(result.discrepancy).toMatchObject({ check: 'signature' });
  expect(result.discrepancy?.message).toMatch(/^checkpoint 14 is signed by tanlian\.test-log-b\+/);
});

test('a key leaf naming no valid key is a leaf discrepancy', async () => {
  const honest = honestBodies();
  const broken = { ...keyLeaf('checkpoint_key_activated', B), key: { vkey: 'not-a-key' } };
  const log = new MemoryLog([...honest.slice(0, 3), broken, ...honest.slice(3)], {
    checkpointSizes: [13],
  });
  const result = await verify(log);
  expect(result.discrepancy).toMatchObject({ check: 'leaf', leafIndex: 3 });
});
