// A page receipt (leaf index and hash, the page's checkpoint) is checked on the phone with a proof
// computed from the log's tiles: the checkpoint first, against the pinned keys, and only then the
// tiles at its size. Each failure names its step, as verifyReceipt's do.
import {
  formatCheckpoint,
  leafHash,
  MerkleTree,
  sha256LogHash,
  signNote,
  sm3LogHash,
  verifyInCheckpoint,
  verifyPageCheckpoint,
  verifyPageReceipt,
  type LogHash,
  type PageReceiptInput,
  type TileSource,
} from '../../src/audit';
import { testKey } from './support/keys';
import { flipBit } from './support/leaves';
import { ReferenceTiles } from './tiles/reference-tiles';

const ORIGIN = 'tanlian.example/shenzhen/sha256';
const log = testKey(ORIGIN);
const stranger = testKey('evil.example/log');
// Past one full level-0 tile, so a proof needs a full tile, a partial one and a level-1 tile.
const SIZE = 600;

function scenario(hash: LogHash) {
  const entries = Array.from(
    { length: SIZE },
    (_, i) => new Uint8Array(Buffer.from(`\x02{"day":"2026-12-01","n":${i}}`)),
  );
  const tree = new MerkleTree(hash);
  entries.forEach((e) => tree.appendData(e));
  const tiles = new ReferenceTiles(
    hash,
    entries.map((e) => leafHash(hash, e)),
  );
  const body = formatCheckpoint({ origin: ORIGIN, size: SIZE, rootHash: tree.root() });
  const input = (index: number, over: Partial<PageReceiptInput> = {}): PageReceiptInput =>
    ({
      hash,
      leafIndex: index,
      leafHash: leafHash(hash, entries[index]),
      checkpointNote: signNote(body, log.signer),
      trustedKeys: [log.verifier],
      origin: ORIGIN,
      tiles: tiles.source(SIZE),
      ...over,
    }) as PageReceiptInput;
  return { entries, tiles, body, input };
}

const outcome = async (input: PageReceiptInput) => {
  const r = await verifyPageReceipt(input);
  return r.ok ? 'ok' : `${r.step}: ${r.code}`;
};

describe.each<[string, LogHash]>([
  ['sha256', sha256LogHash],
  ['sm3', sm3LogHash],
])('%s log', (_name, hash) => {
  const { entries, tiles, body, input } = scenario(hash);

  test('a genuine receipt verifies from tiles, by leaf hash or by leaf data', async () => {
    for (const index of [0, 255, 256, 511, 512, SIZE - 1]) {
      const result = await verifyPageReceipt(input(index));
      expect(result.ok && [result.checkpoint.size, result.signers.map((s) => s.name)]).toEqual([
        SIZE,
        [ORIGIN],
      ]);
      expect(result.ok && result.leafHash).toEqual(leafHash(hash, entries[index]));
    }
    const byData = input(300, { leafHash: undefined, leafData: entries[300] });
    expect(await outcome(byData)).toBe('ok');
  });

  test('signature step: a checkpoint no pinned key signed, or tampered, downloads no tile', async () => {
    tiles.requests.length = 0;
    expect(await outcome(input(7, { trustedKeys: [stranger.verifier] }))).toBe(
      'signature: no-trusted-signature',
    );
    const forged = signNote(body, stranger.signer);
    expect(await outcome(input(7, { checkpointNote: forged }))).toBe(
      'signature: no-trusted-signature',
    );
    const tampered = signNote(body, log.signer).replace(`\n${SIZE}\n`, `\n${SIZE + 1}\n`);
    expect(await outcome(input(7, { checkpointNote: tampered }))).toBe(
      'signature: invalid-signature',
    );
    expect(tiles.requests).toEqual([]);
  });

  test('one checkpoint verified once proves many records, and still refuses a wrong one', async () => {
    const checked = verifyPageCheckpoint(input(0));
    if (!checked.ok) throw new Error(checked.reason);
    for (const index of [3, 256, SIZE - 1]) {
      const proven = await verifyInCheckpoint(checked.verified, input(index));
      expect(proven.ok && proven.checkpoint.size).toBe(SIZE);
    }
    const wrong = await verifyInCheckpoint(
      checked.verified,
      input(7, { leafHash: leafHash(hash, entries[8]) }),
    );
    expect(wrong.ok ? 'ok' : `${wrong.step}: ${wrong.code}`).toBe('inclusion: root-mismatch');
    expect(verifyPageCheckpoint(input(0, { trustedKeys: [stranger.verifier] }))).toMatchObject({
      ok: false,
      step: 'signature',
    });
  });

  test('checkpoint step: a checkpoint of another log', async () => {
    expect(await outcome(input(7, { origin: 'tanlian.example/beijing/sha256' }))).toBe(
      'checkpoint: origin-mismatch',
    );
  });

  test('inclusion step: a leaf that is not in the tree, at its index or at all', async () => {
    expect(await outcome(input(7, { leafHash: leafHash(hash, entries[8]) }))).toBe(
      'inclusion: root-mismatch',
    );
    expect(await outcome(input(7, { leafHash: flipBit(leafHash(hash, entries[7]), 3) }))).toBe(
      'inclusion: root-mismatch',
    );
    const notLogged = new Uint8Array(Buffer.from('\x02{"day":"2026-12-01","n":"forged"}'));
    expect(await outcome(input(7, { leafHash: undefined, leafData: notLogged }))).toBe(
      'inclusion: root-mismatch',
    );
    expect(await outcome(input(7, { leafIndex: SIZE }))).toBe('inclusion: index-out-of-range');
  });

  test('inclusion step: a tile that is not the log’s fails, a failed download rejects', async () => {
    const short: TileSource = async (level, index, width) =>
      (await tiles.source(SIZE)(level, index, width)).subarray(32);
    expect(await outcome(input(7, { tiles: short }))).toBe('inclusion: bad-tile');
    const lying: TileSource = async (level, index, width) =>
      flipBit(await tiles.source(SIZE)(level, index, width), 9);
    expect(await outcome(input(7, { tiles: lying }))).toBe('inclusion: root-mismatch');
    const offline: TileSource = () => Promise.reject(new Error('offline'));
    await expect(verifyPageReceipt(input(7, { tiles: offline }))).rejects.toThrow('offline');
  });

  test('input step: exactly one of leaf hash and leaf data', async () => {
    expect(await outcome(input(7, { leafData: entries[7] }))).toBe('input: invalid-argument');
  });
});
