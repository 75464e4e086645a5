// Each way a log or a ledger can be altered is reported as the first discrepancy, naming the
// check and the leaf or account concerned.
import { publicAccountKey } from '../../src/verifier/leaf-transaction';
import {
  addSignature,
  verifyAuditLog,
  type AuditDiscrepancy,
  type AuditLeavesView,
} from '../../src';
import { testKey } from '../audit/support/keys';
import {
  ACCOUNTS,
  credit,
  honestBodies,
  PROGRAM,
  redemption,
  topUp,
  transaction,
  type Body,
} from './support/leaf-bodies';
import { LOG_KEY, MemoryLog } from './support/memory-log';

const SIZES = [3, 7, 8, 12];

async function firstDiscrepancy(log: MemoryLog): Promise<AuditDiscrepancy | null> {
  const result = await verifyAuditLog(log, { program: PROGRAM, trustedKeys: [log.verifierKey] });
  expect(result.ok).toBe(result.discrepancy === null);
  return result.discrepancy;
}

function withBody(index: number, change: (body: Body) => Body): Body[] {
  const bodies = honestBodies();
  bodies[index] = change(bodies[index]);
  return bodies;
}

/** Replaces the first occurrence of `from` in the served leaf's bytes. */
function alterServedLeaf(log: MemoryLog, index: number, from: string, to: string): void {
  const text = Buffer.from(log.served[index]).toString('latin1');
  expect(text).toContain(from);
  log.served[index] = new Uint8Array(Buffer.from(text.replace(from, to), 'latin1'));
}

describe('leaves changed after they were signed', () => {
  test('a changed byte that still parses: the root fails at the first checkpoint covering it, naming the leaf', async () => {
    const log = new MemoryLog(honestBodies(), { checkpointSizes: SIZES });
    alterServedLeaf(log, 5, '2026-11-21T08', '2026-11-21T09');
    expect(await firstDiscrepancy(log)).toEqual({
      check: 'root',
      message: expect.stringMatching(/checkpoint 7: leaf 5 is not the leaf the log signed/),
      leafIndex: 5,
      account: null,
    });
  });

  test('a changed byte that breaks the JSON: root failure naming the leaf, and why it is malformed', async () => {
    const log = new MemoryLog(honestBodies(), { checkpointSizes: SIZES });
    alterServedLeaf(log, 9, '"type"', '"type" ');
    const found = await firstDiscrepancy(log);
    expect(found).toMatchObject({ check: 'root', leafIndex: 9, account: null });
    expect(found?.message).toMatch(/checkpoint 12: leaf 9 .*also fails.*not canonical JSON/);
  });

  test('a changed amount is reported as the leaf that changed, not as the later overdraft it causes', async () => {
    const log = new MemoryLog(honestBodies(), { checkpointSizes: [12] });
    // Alice got 45 at leaf 5; served as 5 she cannot spend 50 at leaf 6, but leaf 5 is the news.
    alterServedLeaf(log, 5, '"amount":"-45"', '"amount":"-5"');
    alterServedLeaf(log, 5, '"amount":"45"', '"amount":"5"');
    expect(await firstDiscrepancy(log)).toMatchObject({ check: 'root', leafIndex: 5 });
  });

  test('a changed first leaf is reported at its checkpoint (no proof starts from the empty tree)', async () => {
    const log = new MemoryLog(honestBodies(), { checkpointSizes: SIZES });
    alterServedLeaf(log, 0, 'SZ-TRANSIT@1', 'SZ-TRANSIT@2');
    expect(await firstDiscrepancy(log)).toEqual({
      check: 'root',
      message: 'the first 3 leaves do not hash to the root signed in checkpoint 3',
      leafIndex: null,
      account: null,
    });
  });

  test('a leaf left out of a page', async () => {
    const log = new MemoryLog(honestBodies(), { checkpointSizes: SIZES });
    const leaves = log.leaves.bind(log);
    log.leaves = async (start, end): Promise<AuditLeavesView> => {
      const page = await leaves(start, end);
      return { ...page, leaves: page.leaves.filter((l) => l.index !== 4) };
    };
    expect(await firstDiscrepancy(log)).toMatchObject({ check: 'leaf', leafIndex: 4 });
  });
});

describe('leaves the log signed that break the rules', () => {
  test('an unbalanced transaction names its leaf', async () => {
    const bodies = withBody(5, (b) => ({
      ...b,
      transaction: transaction('issuance', [
        [ACCOUNTS.metroBlock, BigInt(-45)],
        [ACCOUNTS.alice, BigInt(46)],
      ]),
    }));
    const log = new MemoryLog(bodies, { checkpointSizes: SIZES });
    expect(await firstDiscrepancy(log)).toEqual({
      check: 'transaction',
      message: expect.stringMatching(/leaf 5: transaction \d+ does not balance.*sum to 1/),
      leafIndex: 5,
      account: null,
    });
  });

  test('a leaf of another program', async () => {
    const bodies = withBody(4, () => credit(ACCOUNTS.bikesMint, ACCOUNTS.bob, BigInt(12), 'wuhan'));
    const log = new MemoryLog(bodies, { checkpointSizes: SIZES });
    expect(await firstDiscrepancy(log)).toEqual({
      check: 'leaf',
      message: 'leaf 4 belongs to program "wuhan", not "shenzhen"',
      leafIndex: 4,
      account: null,
    });
  });

  test('a leaf of an unknown type', async () => {
    const bodies = withBody(0, (b) => ({ ...b, type: 'methodology_rewritten' }));
    const log = new MemoryLog(bodies, { checkpointSizes: SIZES });
    expect(await firstDiscrepancy(log)).toMatchObject({
      check: 'leaf',
      message: 'leaf 0 has an unknown type "methodology_rewritten"',
      leafIndex: 0,
    });
  });

  test('a leaf without the version byte, and one that is not canonical', async () => {
    const unversioned = new MemoryLog(honestBodies(), { checkpointSizes: SIZES });
    unversioned.signed[2] = unversioned.signed[2].subarray(1);
    expect(await firstDiscrepancyOfRaw(unversioned.signed, [3])).toMatchObject({
      check: 'leaf',
      message: 'leaf 2 does not start with a known version byte (1 or 2)',
      leafIndex: 2,
    });
    const pretty = [...unversioned.signed];
    pretty[2] = new Uint8Array([
      1,
      ...Buffer.from(JSON.stringify(honestBodies()[2], null, 1), 'utf8'),
    ]);
    expect(await firstDiscrepancyOfRaw(pretty, [3])).toMatchObject({
      check: 'leaf',
      message: 'leaf 2 is not canonical JSON (RFC 8785)',
      leafIndex: 2,
    });
  });

  test('a pool of residents going below zero names the pool and the leaf', async () => {
    const bodies = [...honestBodies()];
    bodies[6] = redemption(ACCOUNTS.alice, ACCOUNTS.shop, BigInt(76)); // alice has 75, alone in her pool
    const log = new MemoryLog(bodies, { checkpointSizes: SIZES });
    expect(await firstDiscrepancy(log)).toEqual({
      check: 'negative_balance',
      message: expect.stringMatching(
        /leaf 6: transaction \d+ takes the pool of residents' points:metro expiring 2036-11-21 to -1/,
      ),
      leafIndex: 6,
      account: POOL_ALICE,
    });
  });

  test('a format-1 account id that changes what it is', async () => {
    const bodies = withBody(5, () =>
      credit(ACCOUNTS.metroBlock, { ...ACCOUNTS.alice, expiresOn: '2030-01-31' }, BigInt(45)),
    );
    const log = new MemoryLog(bodies, { checkpointSizes: SIZES });
    expect(await firstDiscrepancy(log)).toMatchObject({
      check: 'account',
      message: expect.stringContaining(
        "account 3 is the pool of residents' points:metro expiring 2030-01-31, not the pool of residents' points:metro expiring 2036-11-21 as before",
      ),
      leafIndex: 5,
      account: '3',
    });
  });

  test("a format-1 resident reference that changes is not the public check's to see (pools)", async () => {
    // The bureau's replay follows residents; in public a resident's lot is its pool.
    const bodies = withBody(5, () =>
      credit(ACCOUNTS.metroBlock, { ...ACCOUNTS.alice, owner: 'r_ma11ory' }, BigInt(45)),
    );
    expect(await firstDiscrepancy(new MemoryLog(bodies, { checkpointSizes: SIZES }))).toBeNull();
  });
});

const POOL_ALICE = publicAccountKey(ACCOUNTS.alice);

describe("the service's balances", () => {
  test('a wrong cached balance names the account', async () => {
    const log = new MemoryLog(honestBodies(), { checkpointSizes: SIZES });
    log.reportedOf(ACCOUNTS.alice).balance = '33';
    expect(await firstDiscrepancy(log)).toEqual({
      check: 'balance',
      message: expect.stringMatching(
        /the pool of residents' points:metro expiring 2036-11-21: the service's cached balance is 33, the leaves give 32/,
      ),
      leafIndex: null,
      account: POOL_ALICE,
    });
  });

  test('a wrong sum of stored postings names the account', async () => {
    const log = new MemoryLog(honestBodies(), { checkpointSizes: SIZES });
    log.reportedOf(ACCOUNTS.bikesMint).posted = '-21';
    expect(await firstDiscrepancy(log)).toEqual({
      check: 'posted',
      message: expect.stringMatching(
        /issuer_mint account of points:bikes: the service's stored postings sum to -21, the leaves give -20/,
      ),
      leafIndex: null,
      account: 'issuer_mint|points:bikes||',
    });
  });

  test('an account missing from the balances', async () => {
    const log = new MemoryLog(honestBodies(), { checkpointSizes: SIZES });
    log.reported.delete(publicAccountKey(ACCOUNTS.shop));
    expect(await firstDiscrepancy(log)).toMatchObject({
      check: 'unreported_account',
      account: 'merchant|points:metro||',
      message: expect.stringContaining('has 50 by the leaves'),
    });
  });

  test('an account the leaves never touched, reported with points', async () => {
    const log = new MemoryLog(honestBodies(), { checkpointSizes: SIZES });
    const unknown = { ...log.reportedOf(ACCOUNTS.shop), owner: 'ghost', balance: '5', posted: '5' };
    log.reported.set(publicAccountKey(unknown), unknown);
    expect(await firstDiscrepancy(log)).toMatchObject({
      check: 'balance',
      account: 'merchant|points:metro|ghost|',
    });
  });

  test('an account reported as something else than the leaves show', async () => {
    const log = new MemoryLog(honestBodies(), { checkpointSizes: SIZES });
    log.reportedOf(ACCOUNTS.bob).expiresOn = '2030-01-01';
    // Reported under another pool: that pool holds nothing by the leaves.
    expect(await firstDiscrepancy(log)).toMatchObject({
      check: 'balance',
      account: 'resident|points:bikes||2030-01-01',
    });
  });
});

describe('checkpoints', () => {
  test('a bad signature', async () => {
    const log = new MemoryLog(honestBodies(), { checkpointSizes: SIZES });
    const cp = log.checkpointList[2];
    const [body, signature] = cp.note.split('\n\n');
    const raw = Buffer.from(signature.trim().split(' ').pop()!, 'base64');
    raw[10] ^= 1;
    cp.note = `${body}\n\n— ${log.verifierKey.name} ${raw.toString('base64')}\n`;
    expect(await firstDiscrepancy(log)).toEqual({
      check: 'signature',
      message: expect.stringMatching(/^checkpoint 8: invalid signature for key tanlian.test-log\+/),
      leafIndex: null,
      account: null,
    });
  });

  test('a checkpoint signed by a key the server publishes but the auditor did not pin', async () => {
    const log = new MemoryLog(honestBodies(), { checkpointSizes: SIZES });
    const rogue = testKey('tanlian.test-rogue');
    log.published.push(rogue.verifier);
    log.checkpointList[1] = log.checkpointView(7, log.tree.root(7), rogue.signer);
    expect(await firstDiscrepancy(log)).toEqual({
      check: 'signature',
      message: 'checkpoint 7: the note has no signature from a trusted key',
      leafIndex: null,
      account: null,
    });
    // Unpinned, the verifier starts from the keys the server calls genesis: a key announced
    // nowhere in the log is still refused…
    const unpinned = await verifyAuditLog(log, { program: PROGRAM });
    expect(unpinned.discrepancy?.check).toBe('signature');
    // …but a server that calls the rogue key genesis is believed: hence the warning.
    log.genesisKeys = 2;
    const fooled = await verifyAuditLog(log, { program: PROGRAM });
    expect(fooled).toMatchObject({ ok: true, warnings: [expect.stringContaining('not pinned')] });
  });

  test('witness cosignatures from unknown keys are fine', async () => {
    const log = new MemoryLog(honestBodies(), { checkpointSizes: SIZES });
    log.checkpointList[3].note = addSignature(log.checkpointList[3].note, testKey('bureau').signer);
    expect(await firstDiscrepancy(log)).toBeNull();
  });

  test('a forked checkpoint: the next one signs a history that rewrites an earlier leaf', async () => {
    const log = new MemoryLog(honestBodies(), { checkpointSizes: SIZES });
    const forked = new MemoryLog(
      withBody(1, () => topUp(BigInt(9000))),
      { checkpointSizes: SIZES },
    );
    log.checkpointList[2] = log.checkpointView(8, forked.tree.root(8), LOG_KEY.signer);
    expect(await firstDiscrepancy(log)).toEqual({
      check: 'consistency',
      message: expect.stringMatching(
        /^checkpoints 7 and 8 are not consistent: the log's history was forked/,
      ),
      leafIndex: null,
      account: null,
    });
  });

  test('a checkpoint of another log', async () => {
    const log = new MemoryLog(honestBodies(), { checkpointSizes: SIZES });
    const other = new MemoryLog(honestBodies(), { checkpointSizes: SIZES, program: 'wuhan' });
    log.checkpointList[0] = other.checkpointList[0];
    expect(await firstDiscrepancy(log)).toMatchObject({
      check: 'checkpoint',
      message: expect.stringContaining('is for log "tanlian.test/wuhan/sha256"'),
    });
  });

  test('sizes that do not increase', async () => {
    const log = new MemoryLog(honestBodies(), { checkpointSizes: [3, 7, 7, 12] });
    expect(await firstDiscrepancy(log)).toMatchObject({
      check: 'checkpoint',
      message: 'checkpoint 7 follows checkpoint 7: sizes must strictly increase',
    });
  });
});

async function firstDiscrepancyOfRaw(
  leaves: Uint8Array[],
  sizes: number[],
): Promise<AuditDiscrepancy | null> {
  const log = new MemoryLog([], { checkpointSizes: [] });
  for (const data of leaves) log.tree.appendData(data);
  log.signed.push(...leaves);
  log.served.push(...leaves);
  log.checkpointList.push(
    ...sizes.map((s) => log.checkpointView(s, log.tree.root(s), LOG_KEY.signer)),
  );
  return firstDiscrepancy(log);
}
