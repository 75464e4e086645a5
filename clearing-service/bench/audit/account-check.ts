// (6) A resident's complete self-check on the phone: @tanlian/sdk verifyAccount over 1,000 entries
// in a log of 10^7 leaves (the sdk test support's sparse log: only the resident's leaves are real,
// so the proofs and the root are those of a real log of that size), and what it downloads: the
// size of the ResidentEntriesView JSON that carries those entries (keys, leaves, private parts,
// proofs, the checkpoint note omitted: one line). Timed in a process of its own, as the phone runs
// it: in the bench's process its heap (the integration's leaves, the proof log's receipts) makes
// the collector's pauses the bench's, not the check's.
import { encodeBase64, sha256LogHash, sm3LogHash } from '@tanlian/sdk';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { benchAccount, timeVerifyAccount } from '../../../sdk/test/audit/support/account-chain';

export interface AccountCheckResult {
  entries: number;
  treeSize: number;
  sha256Ms: number;
  sm3Ms: number;
  bytes: number;
}

/** The check's figures from a fresh Node process running this file. */
export function measureAccountCheck(entries = 1000, treeSize = 10_000_000): AccountCheckResult {
  const out = execFileSync(
    process.execPath,
    ['-r', join(__dirname, '..', 'register-ts.js'), __filename, String(entries), String(treeSize)],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  return JSON.parse(out.trim().split('\n').pop()!) as AccountCheckResult;
}

function checkAccount(entries: number, treeSize: number): AccountCheckResult {
  const input = benchAccount(sha256LogHash, entries, treeSize);
  const view = {
    hash: 'sha256',
    treeSize,
    keys: input.keys.map((k) => ({ fromSeq: k.fromSeq, key: encodeBase64(k.key) })),
    entries: input.entries.map((e) => ({
      leafIndex: e.leafIndex,
      seq: e.seq,
      leafData: encodeBase64(e.leafData),
      private: e.privateJson,
      inclusionProof: e.proof.map(encodeBase64),
    })),
    unsealed: 0,
    next: null,
  };
  return {
    entries,
    treeSize,
    sha256Ms: timeVerifyAccount(input, 9),
    sm3Ms: timeVerifyAccount(benchAccount(sm3LogHash, entries, treeSize), 9),
    bytes: Buffer.byteLength(JSON.stringify(view)),
  };
}

if (require.main === module) {
  const [entries, treeSize] = process.argv.slice(2).map(Number);
  process.stdout.write(`${JSON.stringify(checkAccount(entries, treeSize))}\n`);
}
