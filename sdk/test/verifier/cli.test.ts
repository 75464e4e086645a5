// tanlian-verify as an auditor runs it: the package's bin (which runs the built CLI), as a child
// process, against an HTTP server serving an in-memory log at the service's routes. Needs
// `npm run build` first.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { formatVerifierKey } from '../../src';
import { ACCOUNTS, honestBodies, PROGRAM } from './support/leaf-bodies';
import { LOG_KEY, MemoryLog } from './support/memory-log';

const CLI = path.resolve(__dirname, '../../bin/tanlian-verify.js');
const BUILT = path.resolve(__dirname, '../../dist/verifier/cli.js');
const PINNED = formatVerifierKey(LOG_KEY.verifier);

let log: MemoryLog;
let server: Server;
let url: string;

beforeAll(async () => {
  if (!fs.existsSync(BUILT))
    throw new Error(`${BUILT} is missing: run npm run build in sdk/ first`);
  server = createServer((req, res) => {
    void serve(req.url ?? '/').then(({ status, body }) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  log = new MemoryLog(honestBodies(), { checkpointSizes: [3, 7, 8, 12] });
});

/** The public audit routes, with the service's error shape. */
async function serve(target: string): Promise<{ status: number; body: unknown }> {
  const { pathname, searchParams } = new URL(target, 'http://x');
  const match = /^\/v1\/programs\/([^/]+)\/audit\/(.+)$/.exec(pathname);
  const n = (name: string) => Number(searchParams.get(name));
  if (match === null) return error(404, 'not_found', `Cannot GET ${pathname}`);
  if (match[1] !== PROGRAM) return error(404, 'program_not_found', `Program ${match[1]} not found`);
  const routes: Record<string, () => Promise<unknown>> = {
    keys: () => log.keys(),
    checkpoints: () => log.checkpoints(n('after'), n('limit')),
    leaves: () => log.leaves(n('start'), n('end')),
    'proof/consistency': () => log.consistencyProof(n('from'), n('to')),
    balances: () => log.balances(n('size'), n('after'), n('limit')),
  };
  const route = routes[match[2]];
  if (route === undefined) return error(404, 'not_found', `Cannot GET ${pathname}`);
  return { status: 200, body: await route() };
}

function error(status: number, code: string, message: string) {
  return { status, body: { statusCode: status, error: 'Not Found', code, message } };
}

function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { timeout: 20_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number(err.code) : 0, stdout, stderr });
    });
  });
}

test('an honest log: PASS and exit 0, with progress on stderr', async () => {
  const out = await run(
    '--url',
    url,
    '--program',
    PROGRAM,
    '--key',
    PINNED,
    '--progress-every',
    '5',
  );
  expect(out).toEqual({
    code: 0,
    stdout:
      'PASS shenzhen: the audit log verifies up to tree size 12 ' +
      '(12 leaves, 4 checkpoints, 6 accounts checked)\n',
    stderr: expect.stringContaining('tanlian-verify: 10 leaves checked'),
  });
});

test('a tampered cached balance: FAIL naming the account, exit 1', async () => {
  log.reportedOf(ACCOUNTS.alice).balance = '1000';
  const out = await run('--url', `${url}/`, '--program', PROGRAM, '--key', PINNED, '--quiet');
  expect(out.code).toBe(1);
  expect(out.stdout).toMatch(
    /^FAIL shenzhen: balance check failed at account resident\|points:metro\|\|2036-11-21: the pool of residents' points:metro expiring 2036-11-21: .*cached balance is 1000/,
  );
  expect(out.stderr).toBe('');
});

test('--json prints the whole result; unpinned keys give a warning', async () => {
  const tampered = Buffer.from(log.served[4]).toString('latin1').replace('T08', 'T07');
  log.served[4] = new Uint8Array(Buffer.from(tampered, 'latin1'));
  const out = await run('--url', url, '--program', PROGRAM, '--json', '--quiet');
  expect(out.code).toBe(1);
  expect(JSON.parse(out.stdout)).toMatchObject({
    ok: false,
    discrepancy: { check: 'root', leafIndex: 4, account: null },
    warnings: [expect.stringContaining('not pinned')],
  });
});

test('service and usage errors exit 2 with the reason', async () => {
  const missing = await run('--url', url, '--program', 'atlantis', '--quiet');
  expect(missing).toEqual({
    code: 2,
    stdout: '',
    stderr: expect.stringMatching(
      /error: GET .*\/v1\/programs\/atlantis\/audit\/keys: HTTP 404 Not Found: program_not_found: Program atlantis not found/,
    ),
  });
  const usage = await run('--program', PROGRAM);
  expect(usage.code).toBe(2);
  expect(usage.stderr).toMatch(/--url <base url> is required[\s\S]*Usage: tanlian-verify/);
  const badKey = await run('--url', url, '--program', PROGRAM, '--key', 'nonsense');
  expect(badKey).toMatchObject({ code: 2, stderr: expect.stringContaining('--key nonsense') });
  const help = await run('--help');
  expect(help).toMatchObject({ code: 0, stdout: expect.stringContaining('Exit status: 0 PASS') });
});

test('npm links the command into the workspace, so `npx tanlian-verify` runs it', async () => {
  const linked = path.resolve(__dirname, '../../../node_modules/.bin/tanlian-verify');
  expect(fs.realpathSync(linked)).toBe(fs.realpathSync(CLI));
  const out = await new Promise<{ code: number; stdout: string }>((resolve) => {
    execFile(linked, ['--help'], { timeout: 20_000 }, (err, stdout) =>
      resolve({ code: err ? Number(err.code) : 0, stdout }),
    );
  });
  expect(out.code).toBe(0);
  expect(out.stdout).toContain('Usage: tanlian-verify --url <base url> --program <code>');
});
