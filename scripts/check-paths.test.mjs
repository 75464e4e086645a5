// check-paths.mjs on a planted repository: every offending line is reported with its reason, and
// nothing else is. check-paths.mjs does not read this file (it plants offences on purpose).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const CHECK = fileURLToPath(new URL('check-paths.mjs', import.meta.url));
const REPO = fileURLToPath(new URL('..', import.meta.url));
const out = (p) => `'${p}' leads outside the repository`;
const nowhere = (p) => `'${p}' names nothing in the repository (a folder beside the checkout?)`;
// A home folder of a machine, a folder beside the checkout and a machine's absolute path,
// assembled here so that this file itself names none of them.
const HOME = ['', 'home', 'dev'].join('/');
const ELSEWHERE = ['..', '..', 'elsewhere', 'notes.md'].join('/');
const VECTORS = ['', 'work', 'shared', 'vectors', 'merkle', 'README.md'].join('/');

// Per file, its lines: [text, ...the reasons it must be reported for]; no reason = harmless.
const PLANTED = {
  'README.md': [
    ['# Fixture'],
    ['Design: [the brief](../shared/DESIGN.md).', out('../shared/DESIGN.md')],
    ['The [domain](docs/domain.md), sizes 1..2000, and `npm test`.'],
    ['See https://example.com/home/user/x and http://localhost:3000/work/x.'],
    [`Sign in at https://example.com/login?next=${HOME}&from=${'..'}/${'..'}/x first.`],
    [`Or open file://${HOME}/tanlian/README.md.`, `machine path '${HOME}/tanlian/README.md'`],
    ['Open C:\\Users\\dev\\tanlian in Explorer.', "Windows path 'C:\\Users\\dev\\tanlian'"],
    ['Run `cd ~/tanlian && npm test`.', "home folder path '~/tanlian'"],
    ['Or D:/tanlian, on Windows.', "Windows path 'D:/tanlian'"],
  ],
  'docs/domain.md': [
    ['Back to the [README](../README.md).'],
    ['The old brief was `../shared/DESIGN.md`.', nowhere('../shared/DESIGN.md')],
    [`Notes: [x](${ELSEWHERE})`, out(ELSEWHERE)],
  ],
  'src/verify.ts': [['export const verify = 1;']],
  'src/audit/check.ts': [
    ["import { verify } from '../verify';"],
    ["import { spread } from './spread';"],
    ['const all = [...list, ...more];'],
    ['// The invariants of ../shared/DESIGN.md', nowhere('../shared/DESIGN.md')],
    [`const VECTORS = '${VECTORS}';`, `machine path '${VECTORS}'`],
    ["const bin = '/usr/bin/env', daemon = '/usr/sbin/mariadbd', release = '/etc/os-release';"],
    ["const tcp = '/dev/tcp/127.0.0.1/6379', stat = '/proc/self/stat', tmp = join(tmpdir(), 'x');"],
    ["const route = '/v1/programs/p/users/me', page = 'src/home/page.ts', t = '/tmp/x';"],
    ["const dist = join(__dirname, '..', '..', 'dist');"],
    ['const up = path.resolve(', out('../../../shared')],
    ['  __dirname,'],
    ["  '..',"],
    ["  '../..',"],
    ["  'shared',"],
    [');'],
    [
      "const rc = '/root/.npmrc', mac = '/Users/dev/x';",
      "machine path '/root/.npmrc'",
      "machine path '/Users/dev/x'",
    ],
    [
      "const data = '/mnt/data', win = 'C:\\\\repo\\\\x';",
      "machine path '/mnt/data'",
      "Windows path 'C:\\\\repo\\\\x'",
    ],
    [`const home = \`${HOME}/tanlian\`;`, `machine path '${HOME}/tanlian'`],
    ["const up2 = new URL('../../../x', import.meta.url);", out('../../../x')],
  ],
  'src/spread.ts': [['export const spread = 1;']],
  'scripts/test.sh': [
    ['#!/usr/bin/env bash'],
    ['cd "$(dirname "${BASH_SOURCE[0]}")/.."'],
    ['exec 3<>/dev/tcp/127.0.0.1/6379'],
    ['cd "$(dirname "$0")/../.."', out('./../..')],
    [`cd ${HOME}/tanlian && npm test`, `machine path '${HOME}/tanlian'`],
    ['mysqld=/usr/sbin/mariadbd; cd ../docs'],
  ],
  'pkg/package.json': [['{ "scripts": { "test": "jest --outputFile=../.results/pkg.json" } }']],
  'pkg/openapi.json': [['{ "pattern": "^(?:https:\\/\\/[a-z]+)(?::\\d{1,5})?$", "n": "node:/x" }']],
  '.gitignore': [['.results/'], ['dist/']],
  // Not read: lock files, and anything with a NUL byte.
  'package-lock.json': [[`{ "resolved": "file:${HOME}/x", "link": "../../outside" }`]],
  'pkg/package-lock.json': [['{ "resolved": "/work/x" }']],
  'blob.bin': [['\0/work/x ../../outside']],
};

const dirs = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Writes the files into a fresh git repository (nothing committed) and runs the check on it. */
function checkPlanted(files) {
  const dir = mkdtempSync(join(tmpdir(), 'check-paths-'));
  dirs.push(dir);
  for (const [file, lines] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), lines.map(([text]) => text).join('\n'));
  }
  assert.equal(spawnSync('git', ['init', '-q'], { cwd: dir }).status, 0);
  const run = spawnSync(process.execPath, [CHECK, dir], { encoding: 'utf8' });
  return { status: run.status, reported: run.stdout.split('\n').filter(Boolean).sort() };
}

function expected(files) {
  const lines = [];
  for (const [file, planted] of Object.entries(files)) {
    planted.forEach(([, ...reasons], i) => {
      for (const reason of reasons) lines.push(`${file}:${i + 1}: ${reason}`);
    });
  }
  return lines.sort();
}

test('reports exactly the planted offences, each as file:line: reason, and exits 1', () => {
  const { status, reported } = checkPlanted(PLANTED);
  assert.deepEqual(reported, expected(PLANTED));
  assert.equal(reported.length, 18); // so that emptying PLANTED's reasons does not pass
  assert.equal(status, 1);
});

test('passes the same tree with the offending lines taken out', () => {
  const harmless = Object.fromEntries(
    Object.entries(PLANTED).map(([file, lines]) => [
      file,
      lines.filter((line) => line.length === 1),
    ]),
  );
  assert.deepEqual(checkPlanted(harmless), { status: 0, reported: [] });
});

test('runs in the lint step of npm test and in npm run lint', () => {
  const testScript = readFileSync(join(REPO, 'scripts/test.sh'), 'utf8');
  assert.match(testScript, /^node scripts\/check-paths\.mjs$/m);
  assert.match(testScript, /^node --test scripts\/check-paths\.test\.mjs$/m);
  const { scripts } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
  assert.match(scripts.lint, /node scripts\/check-paths\.mjs/);
});
