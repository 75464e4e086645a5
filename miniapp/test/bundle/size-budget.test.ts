/**
 * @jest-environment node
 */
// The weapp package sizes: the main package (everything outside the subpackage roots) ≤ 1 MB, our
// budget under WeChat's 2 MB; each subpackage ≤ 2 MB. Prints the sizes.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const DIR = join(__dirname, '../../dist/weapp');
const MAIN_BUDGET = 1024 * 1024;
const SUBPACKAGE_BUDGET = 2 * 1024 * 1024;
/** Files DevTools does not upload. */
const NOT_UPLOADED = /(\.LICENSE\.txt|\.map|project\.config\.json)$/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

test('main package ≤ 1 MB, each subpackage ≤ 2 MB', () => {
  if (!existsSync(join(DIR, 'app.json')))
    throw new Error(`${DIR} is not built: run npm run build -w miniapp first`);
  const app = JSON.parse(readFileSync(join(DIR, 'app.json'), 'utf8')) as {
    subPackages?: { root: string }[];
  };
  const roots = (app.subPackages ?? []).map((s) => s.root.replace(/\/$/, ''));
  expect(roots.sort()).toEqual(['pkg-bind', 'pkg-redeem', 'pkg-verify']);
  const sizes = new Map<string, number>([
    ['main', 0],
    ...roots.map((r): [string, number] => [r, 0]),
  ]);
  for (const file of files(DIR)) {
    const rel = relative(DIR, file);
    if (NOT_UPLOADED.test(rel)) continue;
    const owner = roots.find((r) => rel.startsWith(`${r}/`)) ?? 'main';
    sizes.set(owner, (sizes.get(owner) ?? 0) + statSync(file).size);
  }
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log(
    [...sizes]
      .map(
        ([name, size]) =>
          `${name.padEnd(11)} ${kb(size).padStart(10)}  (budget ${kb(name === 'main' ? MAIN_BUDGET : SUBPACKAGE_BUDGET)})`,
      )
      .join('\n'),
  );
  expect(sizes.get('main')).toBeLessThanOrEqual(MAIN_BUDGET);
  for (const root of roots) expect(sizes.get(root)).toBeLessThanOrEqual(SUBPACKAGE_BUDGET);
  // the sdk's verification code is in the verification subpackage, not in the main package
  const sdkMarker = 'verifyInclusionFromTiles';
  expect(readFileSync(join(DIR, 'pkg-verify/sub-vendors.js'), 'utf8').includes(sdkMarker)).toBe(
    true,
  );
  const mainFiles = files(DIR).filter(
    (f) => !roots.some((r) => relative(DIR, f).startsWith(`${r}/`)),
  );
  expect(
    mainFiles.filter((f) => f.endsWith('.js') && readFileSync(f, 'utf8').includes(sdkMarker)),
  ).toEqual([]);
});
