// The per-record check the app's 验证 runs (src/audit/verified-checkpoints.ts, the app's own code):
// the page's checkpoint — trusted chain, Ed25519 signature, a witness's cosignature — verified once
// per note, then each record's inclusion proof computed from the log's tiles, timed per record
// over a log of 65,536 leaves with its tiles in memory (no network: the app keeps tiles). The
// first record, which pays for the checkpoint, is reported on its own. Bundled by bench/run.mjs
// and run in Node and in headless Chromium alike.
import {
  MerkleTree,
  appendCosignatures,
  cosignCheckpoint,
  formatCheckpoint,
  noteKeyId,
  publicKeyFromSecret,
  sha256LogHash,
  signNote,
  nodeHash,
  type TileSource,
} from '../../sdk/src/audit';
import { ReferenceTiles } from '../../sdk/test/audit/tiles/reference-tiles';
import {
  cosignersOf,
  forgetVerifiedCheckpoints,
  proveRecord,
  type CheckTrust,
} from '../src/audit/verified-checkpoints';

const LEAVES = 65_536;
const RECORDS = 500;
const ORIGIN = 'tanlian.example/bench';

export interface BenchResult {
  records: number;
  treeSize: number;
  p50: number;
  p99: number;
  max: number;
  /** Records over the 5 ms target. */
  over: number;
  /** 255 bare node hashes (one unseen tile's nodes), measured between the records. */
  floorP50: number;
  floorP99: number;
  /** The first record of a page: its checkpoint's signature and cosignature, then its proof. */
  first: number;
  /** The same first record's checkpoint checks without the cache, averaged over 20 notes. */
  checkpointOnly: number;
}

export async function runBench(): Promise<BenchResult> {
  const tree = new MerkleTree(sha256LogHash);
  for (let i = 0; i < LEAVES; i++) {
    tree.appendData(new Uint8Array([1, i & 0xff, (i >> 8) & 0xff, (i >> 16) & 0xff]));
  }
  const hashes = Array.from({ length: LEAVES }, (_, i) => tree.leafHashAt(i));
  const served = new ReferenceTiles(sha256LogHash, hashes).source(LEAVES);
  // As the app's tileSource keeps decoded tiles in memory and answers the same bytes again.
  const kept = new Map<string, Uint8Array>();
  const tiles: TileSource = async (level, index, width) => {
    const key = `${level}/${index}/${width}`;
    const tile = kept.get(key) ?? (await served(level, index, width));
    kept.set(key, tile);
    return tile;
  };
  const seed = (k: number) => new Uint8Array(32).map((_, i) => (i * k + 3) & 0xff);
  const log = { name: 'tanlian-bench', secretKey: seed(7) };
  const witness = { name: 'bureau-bench', secretKey: seed(11) };
  const logKey = publicKeyFromSecret(log.secretKey);
  const body = formatCheckpoint({ origin: ORIGIN, size: LEAVES, rootHash: tree.root() });
  const note = appendCosignatures(signNote(body, log), [
    cosignCheckpoint(witness, body, 1_790_000_000),
  ]);
  const trust: CheckTrust & Parameters<typeof cosignersOf>[1] = {
    hash: sha256LogHash,
    hashName: 'sha256',
    origin: ORIGIN,
    keys: [{ name: log.name, publicKey: logKey, keyId: noteKeyId(log.name, logKey) }],
    announcements: [],
    witnesses: [
      {
        name: witness.name,
        key: { name: witness.name, publicKey: publicKeyFromSecret(witness.secretKey) },
      },
    ],
  };
  const verifyOne = async (leafIndex: number) => {
    const result = await proveRecord(
      trust,
      note,
      { leafIndex, leafHash: hashes[leafIndex] },
      tiles,
    );
    if (!result.ok) throw new Error(`record ${leafIndex} did not verify: ${result.reason}`);
    if (cosignersOf(note, trust).length !== 1) throw new Error('the witness did not verify');
  };

  // Cold: the checkpoint's checks, as the first record of a page pays them.
  let cold = 0;
  for (let r = 0; r < 20; r++) {
    forgetVerifiedCheckpoints();
    const start = performance.now();
    await verifyOne((r * 104_729) % LEAVES);
    cold += performance.now() - start;
  }
  forgetVerifiedCheckpoints();
  const firstStart = performance.now();
  await verifyOne(12_345);
  const first = performance.now() - firstStart;

  // The floor, interleaved with the records so a busy machine shows in both: 255 bare node
  // hashes, what rebuilding one unseen tile's nodes costs, which about half the records pay here
  // (they fall in 256 tiles); the others reuse a tile's nodes and cost far less.
  const left = hashes[0];
  const right = hashes[1];
  const floorWork = () => {
    let x = left;
    for (let i = 0; i < 255; i++) x = nodeHash(sha256LogHash, x, right);
    return x;
  };
  const indices = Array.from({ length: RECORDS + 20 }, (_, r) => (r * 7919) % LEAVES);
  const times: number[] = [];
  const floor: number[] = [];
  for (let r = 0; r < RECORDS + 20; r++) {
    const leafIndex = indices[r];
    const start = performance.now();
    await verifyOne(leafIndex);
    const took = performance.now() - start;
    const floorStart = performance.now();
    if (floorWork().length !== 32) throw new Error('not a hash');
    const floorTook = performance.now() - floorStart;
    if (r >= 20) {
      times.push(took); // the first 20 warm the engine up
      floor.push(floorTook);
    }
  }
  const at = (xs: number[], p: number) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  };
  return {
    records: RECORDS,
    treeSize: LEAVES,
    p50: at(times, 0.5),
    p99: at(times, 0.99),
    max: at(times, 1),
    over: times.filter((t) => t > 5).length,
    floorP50: at(floor, 0.5),
    floorP99: at(floor, 0.99),
    first,
    checkpointOnly: cold / 20,
  };
}
