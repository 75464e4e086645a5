// The per-record check the app's 验证 runs (the sdk's verifyPageReceipt: the checkpoint's Ed25519
// signature against the pinned key, then the inclusion proof computed from the log's tiles), timed
// per record over a log of 65,536 leaves with its tiles in memory (no network: the app keeps
// tiles). Bundled by bench/run.mjs and run in Node and in headless Chromium alike.
import {
  MerkleTree,
  formatCheckpoint,
  publicKeyFromSecret,
  sha256LogHash,
  signNote,
  verifyPageReceipt,
} from '../../sdk/src/audit';
import { ReferenceTiles } from '../../sdk/test/audit/tiles/reference-tiles';

const LEAVES = 65_536;
const RECORDS = 500;

export interface BenchResult {
  records: number;
  treeSize: number;
  p50: number;
  p99: number;
  max: number;
}

export async function runBench(): Promise<BenchResult> {
  const tree = new MerkleTree(sha256LogHash);
  for (let i = 0; i < LEAVES; i++) {
    tree.appendData(new Uint8Array([1, i & 0xff, (i >> 8) & 0xff, (i >> 16) & 0xff]));
  }
  const hashes = Array.from({ length: LEAVES }, (_, i) => tree.leafHashAt(i));
  const tiles = new ReferenceTiles(sha256LogHash, hashes).source(LEAVES);
  const secretKey = new Uint8Array(32).map((_, i) => (i * 7 + 3) & 0xff);
  const key = { name: 'tanlian-bench', publicKey: publicKeyFromSecret(secretKey) };
  const note = signNote(
    formatCheckpoint({ origin: 'tanlian.example/bench', size: LEAVES, rootHash: tree.root() }),
    { name: key.name, secretKey },
  );
  const times: number[] = [];
  for (let r = 0; r < RECORDS + 20; r++) {
    const leafIndex = (r * 7919) % LEAVES;
    const start = performance.now();
    const result = await verifyPageReceipt({
      leafHash: hashes[leafIndex],
      leafIndex,
      checkpointNote: note,
      hash: sha256LogHash,
      trustedKeys: [key],
      origin: 'tanlian.example/bench',
      tiles,
    });
    const took = performance.now() - start;
    if (!result.ok) throw new Error(`record ${leafIndex} did not verify: ${result.reason}`);
    if (r >= 20) times.push(took); // the first 20 warm the engine up
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)];
  return {
    records: RECORDS,
    treeSize: LEAVES,
    p50: at(0.5),
    p99: at(0.99),
    max: times[times.length - 1],
  };
}
