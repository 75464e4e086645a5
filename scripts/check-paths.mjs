// Fails when a file git knows names an absolute path of a machine or a folder outside the
// repository, so that a fresh clone anywhere, with nothing beside it, runs and reads the same.
// Usage: node scripts/check-paths.mjs [repository folder]; prints `file:line: reason`, exits 1.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pathOffences } from './path-offences.mjs';

// Not read: lock files (resolved URLs and integrity hashes, written by npm), and the test that
// plants offences on purpose.
const NOT_READ = [/(^|\/)package-lock\.json$/, /^scripts\/check-paths\.test\.mjs$/];

const root = process.argv[2] ?? fileURLToPath(new URL('..', import.meta.url));
const git = (args) =>
  execFileSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 2 ** 26 });

// Tracked files, and new ones git does not ignore, so an offence shows before its commit.
const files = [
  ...new Set(git(['ls-files', '-z', '--cached', '--others', '--exclude-standard']).split('\0')),
].filter((file) => file && existsSync(join(root, file))); // not the ones deleted but not yet staged

// Every path the repository has: files, their folders, and files named without their extension
// (as imports name them).
const paths = new Set();
for (const file of files) {
  for (let p = file; p !== '.'; p = posix.dirname(p)) paths.add(p);
  paths.add(file.replace(/(\.d)?\.[^./]+$/, ''));
}
const known = (path) => {
  const p = path.replace(/[/.:]+$/, '');
  if (p === '' || paths.has(p)) return true; // '' is the root itself
  // Ignored paths (dist/, .test-results/) are written by the build or the tests.
  // A folder pattern (`dist/`) matches only a path that says it is a folder.
  return [p, `${p}/`].some(
    (q) => spawnSync('git', ['check-ignore', '-q', q], { cwd: root }).status === 0,
  );
};

let count = 0;
for (const file of files) {
  if (NOT_READ.some((pattern) => pattern.test(file))) continue;
  const bytes = readFileSync(join(root, file));
  if (bytes.includes(0)) continue; // binary
  for (const { line, reason } of pathOffences(file, bytes.toString('utf8'), known)) {
    console.log(`${file}:${line}: ${reason}`);
    count++;
  }
}
if (count > 0) {
  console.error(
    `check-paths: ${count} reference(s) to a machine's folders or outside the repository ` +
      '(what the repository needs belongs in it: docs/, testdata/)',
  );
  process.exit(1);
}
