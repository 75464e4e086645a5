// How long verifyAccount takes for a resident with 1,000 entries, printed, not asserted (the
// target is 50 ms on a developer machine; CI machines vary). Two logs: a real MerkleTree of 20,000
// leaves, and a sparse one of 10^7 leaves (proofs of 24 hashes, as in a large program's log).
import {
  type AccountCheckInput,
  type LogHash,
  sha256LogHash,
  sm3LogHash,
  verifyAccount,
} from '../../src/audit';
import {
  benchAccount,
  credit,
  key,
  publish,
  timeVerifyAccount,
  writeChain,
} from './support/account-chain';

/** The check passes, and its median time. */
function timed(input: AccountCheckInput): number {
  expect(verifyAccount(input)).toMatchObject({ ok: true, count: input.entries.length });
  return timeVerifyAccount(input);
}

describe.each([
  ['sha256', sha256LogHash],
  ['sm3', sm3LogHash],
] as [string, LogHash][])('verifyAccount timing over %s', (name, hash) => {
  test('1,000 entries in a sparse log of 10^7 leaves', () => {
    const input = benchAccount(hash, 1000, 10_000_000);
    expect(input.entries[0].proof.length).toBe(24);
    const ms = timed(input);
    console.log(
      `verifyAccount ${name}: 1,000 entries, 10^7 leaves: ${ms.toFixed(1)} ms (median of 5)`,
    );
  });

  test('1,000 entries among 20,000 leaves of a real MerkleTree', () => {
    const specs = Array.from({ length: 1000 }, (_, i) => ({
      transaction: i % 4 === 3 ? null : credit('points:metro', '2029-12-31', 1 + (i % 9)),
    }));
    const input = publish(
      hash,
      writeChain(hash, () => key(1), specs),
      [{ fromSeq: 0, key: key(1) }],
      19,
    );
    expect(input.checkpoint.size).toBe(20_001);
    const ms = timed(input);
    console.log(
      `verifyAccount ${name}: 1,000 entries, 20,001 leaves: ${ms.toFixed(1)} ms (median of 5)`,
    );
  });
});
