// The rules of check-paths.mjs: what in a file's text ties the repository to one machine or to
// folders beside it. Pure (text in, offences out), so the test can plant lines without a checkout.
import { posix } from 'node:path';

// Absolute paths under the roots where checkouts and home folders live. System paths (usr, etc,
// dev, proc, tmp, opt) are what a program may rightly name, so they are not listed.
const MACHINE_PATH =
  /(?<![\w.~$/-])\/(?:work|home|root|Users|mnt)(?=[/\s'"`),;:\]]|$)[^\s'"`),;\]]*/g;
const HOME_PATH = /(?<![\w.~$/-])~\/[^\s'"`),;\]]*/g;
const WINDOWS_PATH = /(?<![\w\\/])[A-Za-z]:(?:\\{1,2}|\/)(?=[\w.$-])[^\s'"`),;\]]*/g;
// A relative path that climbs (one or more `..` segments first); not `1..2000` nor `...spread`.
const CLIMBING_PATH = /(?<![\w.~$%@}\\/-])(?:\.\.?\/)*\.\.(?=[/\s'"`),;\]]|$)[^\s'"`),;\]]*/g;
// URLs name places on other machines, on purpose: not read (a query may carry any path). A file:
// URL names this machine's files: read as the path it is.
const URL = /\b(?!file:)[a-z][a-z0-9+.-]*:\/\/[^\s'"`)<>\]]*/gi;
const FILE_URL = /\bfile:\/\//gi;
// A shell script's own folder as scripts name it: `$(dirname "$0")`, or with "${BASH_SOURCE[0]}".
const SCRIPT_DIR = /"?\$\(\s*dirname\s+(?:--\s+)?"?\$\{?(?:0|BASH_SOURCE(?:\[0\])?)\}?"?\s*\)"?/g;
// `join(__dirname, '..', 'dist')` and `resolve(...)`: the literal segments after the folder,
// across lines (Prettier breaks long calls), joined as Node joins them.
const DIRNAME_CALL =
  /\b(?:join|resolve)\(\s*(?:__dirname|import\.meta\.dirname)\s*((?:,\s*(['"])[^'"\n]*\2\s*)+)/g;

/**
 * Every offence in one file, as { line, reason } (lines from 1), at most one per line and reason.
 * `file` is the path from the repository root, with forward slashes; `known(path)` says whether
 * the repository has that path (tracked, or ignored: built or written by a run).
 */
export function pathOffences(file, text, known) {
  const dir = posix.dirname(file);
  const found = new Map();
  const report = (line, reason) => found.set(`${line}\0${reason}`, { line, reason });
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = raw.replace(URL, ' ').replace(FILE_URL, ' ');
    for (const match of tokens(line, MACHINE_PATH)) report(i + 1, `machine path '${match}'`);
    for (const match of tokens(line, HOME_PATH)) report(i + 1, `home folder path '${match}'`);
    for (const match of tokens(line, WINDOWS_PATH)) report(i + 1, `Windows path '${match}'`);
    for (const match of tokens(line.replace(SCRIPT_DIR, '.'), CLIMBING_PATH)) {
      if (leavesRepository(dir, match)) report(i + 1, outside(match));
      else if (besideCheckout(dir, match, known)) report(i + 1, nowhere(match));
    }
  });
  for (const call of text.matchAll(DIRNAME_CALL)) {
    const segments = [...call[1].matchAll(/(['"])([^'"\n]*)\1/g)].map((m) => m[2]);
    const joined = posix.join(...segments);
    if (leavesRepository(dir, joined)) {
      report(text.slice(0, call.index).split('\n').length, outside(joined));
    }
  }
  return [...found.values()].sort((a, b) => a.line - b.line);
}

// The paths a pattern finds in a line, without the full stop or colon of the sentence around them.
function tokens(line, pattern) {
  return [...line.matchAll(pattern)].map(([match]) => match.replace(/(?<=[^./])[.:]+$/, ''));
}

function leavesRepository(dir, relative) {
  return climbsOut(posix.join(dir, relative));
}

function climbsOut(path) {
  const resolved = posix.normalize(path);
  return resolved === '..' || resolved.startsWith('../');
}

// Prose and scripts are often read from the root: a comment deep in the tree that climbs one level
// to a `shared` folder means the folder beside the checkout when, counted from the file, the
// repository has no such path (counted from the file it stays inside: leavesRepository misses it).
function besideCheckout(dir, relative, known) {
  return dir !== '.' && climbsOut(relative) && !known(posix.normalize(posix.join(dir, relative)));
}

function nowhere(path) {
  return `'${path}' names nothing in the repository (a folder beside the checkout?)`;
}

function outside(path) {
  return `'${path}' leads outside the repository`;
}
