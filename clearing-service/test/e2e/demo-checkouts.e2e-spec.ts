/**
 * Two checkouts' demos on one MariaDB and one Redis (issue 10), each started as `npm start` starts
 * it (the built run-demo.js) with only its state directory and PORT set: each runs on a database,
 * queue prefix and secrets key of its own, so both accept signed pushes, both logs verify and each
 * log holds only its own pushes. A start that would share a running demo's database or port, or
 * whose key does not fit its database, stops with one line saying what to do.
 */
import { HttpAuditLogSource, signWebhook, verifyAuditLog } from '@tanlian/sdk';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { dropDatabase } from '../../src/database/migrate';
import { DEMO_OPERATOR_ROLES, demoPopulation } from '../../src/demo/demo-program';
import { removeRedisKeys } from '../../src/demo/demo-reset';
import type { DemoState } from '../../src/demo/demo-state';
import { freePortBlock } from '../support/built-process';
import { DemoProcess } from '../support/demo-process';
import { metroRide } from '../support/earn-env';
import { TEST_MYSQL_SERVER, TEST_REDIS_URL } from '../support/test-config';

const METRO = DEMO_OPERATOR_ROLES.metro;
// Metro riders the demo binds on seeding, so their rides are credited.
const riders = demoPopulation()
  .bindings()
  .filter((b) => b.operator === METRO)
  .map((b) => b.user);

const root = mkdtempSync(join(tmpdir(), 'tl-demo-checkouts-'));
const checkoutA = join(root, 'checkout-a', '.demo');
const checkoutB = join(root, 'checkout-b', '.demo');
const demos: DemoProcess[] = [];
const used = new Map<string, DemoState>();

async function startDemo(stateDir: string, args: string[] = [], env = {}): Promise<DemoProcess> {
  const demo = new DemoProcess(stateDir, await freePortBlock(3), args, env);
  demos.push(demo);
  return demo;
}

/** A started demo, ready; its database and prefix are remembered for the clean-up. */
async function readyDemo(stateDir: string, args: string[] = []): Promise<DemoProcess> {
  const demo = await (await startDemo(stateDir, args)).ready();
  used.set(demo.state().database, demo.state());
  return demo;
}

/** POSTs metro rides signed with the demo's metro secret; returns each receipt's reference. */
async function push(demo: DemoProcess, ids: string[]): Promise<string[]> {
  const { program, webhookSecrets } = demo.credentials();
  const references: string[] = [];
  for (const [i, id] of ids.entries()) {
    const body = JSON.stringify(metroRide(id, riders[i], { minutesAgo: 60 + 30 * i }));
    const headers = signWebhook({
      id: `msg_${id}`,
      timestamp: Math.floor(Date.now() / 1000),
      body,
      keys: [webhookSecrets[METRO].secret],
    });
    const res = await fetch(`${demo.base}/v1/programs/${program}/operators/${METRO}/events`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body,
    });
    expect(res.status).toBe(202);
    references.push(((await res.json()) as { reference: string }).reference);
  }
  return references;
}

function eventStatus(demo: DemoProcess, id: string): Promise<Response> {
  const { program, tokens } = demo.credentials();
  return fetch(`${demo.base}/v1/programs/${program}/operators/${METRO}/events/${id}`, {
    headers: { authorization: `Bearer ${tokens[METRO]}` },
  });
}

/**
 * tanlian-verify's check of the demo's log, once its signed checkpoint holds `expected` credits;
 * with those credits' leaves (format 2 names no event in public: the counts tell the logs apart,
 * and each demo's event lookups say whose event is whose).
 */
async function verifiedCredits(demo: DemoProcess, expected: number) {
  const program = demo.credentials().program;
  const source = new HttpAuditLogSource({ url: demo.base, program });
  const deadline = Date.now() + 20_000;
  for (;;) {
    const verification = await verifyAuditLog(source, { program });
    const { leaves } = await source.leaves(0, verification.treeSize);
    const credited = leaves
      .map((l) => JSON.parse(Buffer.from(l.data, 'base64').subarray(1).toString('utf8')))
      .filter((body) => body.type === 'reduction_credit');
    if (credited.length >= expected || Date.now() > deadline) return { verification, credited };
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The one line a refused start prints, and its exit code. */
async function refusal(demo: DemoProcess): Promise<{ code: number | null; lines: string[] }> {
  const code = await demo.exited;
  return { code, lines: demo.output.trim().split('\n') };
}

let a: DemoProcess;
let b: DemoProcess;

beforeAll(async () => {
  if (!existsSync(join(__dirname, '..', '..', 'dist', 'demo', 'run-demo.js')))
    throw new Error('clearing-service/dist is missing: run `npm run build` (npm test does) first');
  [a, b] = await Promise.all([readyDemo(checkoutA), readyDemo(checkoutB)]);
}, 120_000);

afterAll(async () => {
  await Promise.all(demos.map((d) => d.stop()));
  for (const state of used.values()) {
    await dropDatabase(`${TEST_MYSQL_SERVER}/${state.database}`);
    await removeRedisKeys(TEST_REDIS_URL, state.queuePrefix);
  }
  rmSync(root, { recursive: true, force: true });
}, 60_000);

it('runs two checkouts’ demos side by side: each on its own database and queue prefix, both accept signed pushes, both logs verify and hold only their own pushes', async () => {
  expect(a.state().database).not.toBe(b.state().database);
  expect(a.state().queuePrefix).not.toBe(b.state().queuePrefix);
  expect(a.state().database).toMatch(/^tanlian_demo_[0-9a-f]{8}$/);

  const pushedA = await push(a, ['only-in-a-1']);
  const pushedB = await push(b, ['only-in-b-1', 'only-in-b-2']);
  const [logA, logB] = await Promise.all([verifiedCredits(a, 1), verifiedCredits(b, 2)]);

  for (const log of [logA, logB]) {
    expect(log.verification).toMatchObject({ ok: true, discrepancy: null });
    expect(log.verification.checkpointsChecked).toBeGreaterThan(0);
  }
  expect([logA.credited.length, logB.credited.length]).toEqual([pushedA.length, pushedB.length]);
  expect((await eventStatus(a, 'only-in-a-1')).status).toBe(200);
  expect((await eventStatus(b, 'only-in-a-1')).status).toBe(404);
  expect((await eventStatus(a, 'only-in-b-1')).status).toBe(404);

  // The bureau's command the demo prints: tanlian-verify with the viewing key, as a child process.
  const files = ['viewing-key', 'bureau-api-key'].map((f) => join(a.stateDir, f));
  expect(a.output).toContain(`--viewing-key ${files[0]} --api-key-file ${files[1]}`);
  const full = await tanlianVerify(a, ['--viewing-key', files[0], '--api-key-file', files[1]]);
  expect(full.stdout).toMatch(/^PASS \S+: .*every resident replayed with the viewing key/);
  expect(full.code).toBe(0);
});

/** The tanlian-verify bin against a demo's api. */
function tanlianVerify(
  demo: DemoProcess,
  extra: string[],
): Promise<{ code: number; stdout: string }> {
  const bin = join(dirname(require.resolve('@tanlian/sdk/package.json')), 'bin/tanlian-verify.js');
  const args = [bin, '--url', demo.base, '--program', demo.credentials().program, '--quiet'];
  return new Promise((resolve) => {
    execFile(process.execPath, [...args, ...extra], (err, stdout) =>
      resolve({ code: err ? Number(err.code) : 0, stdout }),
    );
  });
}

it('refuses, in one line, a second demo on a running demo’s database or port', async () => {
  const sameDatabase = await startDemo(join(root, 'checkout-c', '.demo'), [], {
    DATABASE_URL: `${TEST_MYSQL_SERVER}/${a.state().database}`,
  });
  const samePort = new DemoProcess(join(root, 'checkout-d', '.demo'), a.port);
  demos.push(samePort);
  const [database, port] = await Promise.all([refusal(sameDatabase), refusal(samePort)]);

  expect(database).toEqual({
    code: 1,
    lines: [expect.stringContaining(`another demo runs on database ${a.state().database}`)],
  });
  expect(port).toEqual({
    code: 1,
    lines: [
      expect.stringMatching(
        new RegExp(`port ${a.port} \\(for the api\\) is in use.*PORT=\\d+ npm start$`),
      ),
    ],
  });
});

it('restarts on its own database; stops in one line when the database’s secrets do not open with the checkout’s key, and starts afresh with --reset', async () => {
  const credentials = b.credentials();
  await b.stop();
  const restarted = await readyDemo(checkoutB);
  expect(restarted.credentials()).toEqual(credentials); // its key still opens what it sealed
  expect(restarted.output).toContain('(0 new)');
  await restarted.stop();

  rmSync(checkoutB, { recursive: true }); // the key the database was seeded with is gone
  const mismatch = await startDemo(checkoutB);
  expect(await refusal(mismatch)).toMatchObject({ code: 1 });
  expect(mismatch.output).toMatch(
    /^\[demo\] database tanlian_demo_\w+ on \S+ holds secrets sealed under another key than .*secrets-key: run `npm start -- --reset`/m,
  );
  expect(mismatch.output).not.toMatch(/\[(api|worker)\]|at .*\.js:\d+/); // no process ran, no stack

  const fresh = await readyDemo(checkoutB, ['--reset']);
  expect(fresh.output).toContain(`reset: dropped database ${fresh.state().database}`);
  expect(fresh.output).toMatch(/removed \d+ Redis keys under \{tanlian-demo-\w+\}/);
  await push(fresh, ['after-reset-1']);
  const log = await verifiedCredits(fresh, 1);
  expect(log.verification.ok).toBe(true);
  expect(log.credited).toHaveLength(1);
}, 120_000);
