// The sdk's crypto and encodings run in a WeChat mini-program: no Node built-ins, and none of the
// web globals that some WeChat base libraries lack. A static scan keeps it that way.
import * as fs from 'node:fs';
import * as path from 'node:path';

const SRC = path.resolve(__dirname, '../src');
const SCANNED = ['audit', 'encoding', 'webhooks'];
const FORBIDDEN: Array<[RegExp, string]> = [
  [/from\s+'node:/, 'node: import'],
  [/from\s+'(fs|path|crypto|buffer|util|os|stream)'/, 'Node built-in import'],
  [/\brequire\s*\(/, 'require()'],
  [/\bBuffer\b/, 'Buffer'],
  [/\bprocess\b/, 'process'],
  [/\b(TextEncoder|TextDecoder|atob|btoa)\b/, 'web text/base64 global'],
  [/\b(globalThis|window|self)\.crypto\b|\bcrypto\.subtle\b/, 'WebCrypto'],
  [/\bBigInt\b|\d+n\b/, 'BigInt (sizes are safe integers)'],
];
const ALLOWED_PACKAGES = /^(@noble\/hashes\/|@noble\/curves\/)/;

const stripComments = (code: string) =>
  code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
const listed = (dir: string): string[] =>
  fs.readdirSync(path.join(SRC, dir), { withFileTypes: true }).flatMap((e) => {
    const file = `${dir}/${e.name}`;
    if (e.isDirectory()) return listed(file);
    return e.name.endsWith('.ts') ? [file] : [];
  });
const files = SCANNED.flatMap(listed);
/** A relative import that stays inside the scanned folders, or an allowed package. */
const allowedImport = (file: string, spec: string) =>
  spec.startsWith('.')
    ? SCANNED.includes(
        path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)).split('/')[0],
      )
    : ALLOWED_PACKAGES.test(spec);

test('scans the modules the mini-program imports', () => {
  expect(files).toEqual(
    expect.arrayContaining([
      'audit/sm3.ts',
      'audit/receipt.ts',
      'audit/resident-entry/resident-tag.ts',
      'encoding/base64.ts',
      'webhooks/verify.ts',
    ]),
  );
});

test.each(files)('%s uses nothing Node-only', (file) => {
  const code = stripComments(fs.readFileSync(path.join(SRC, file), 'utf8'));
  const found = FORBIDDEN.filter(([pattern]) => pattern.test(code)).map(([, what]) => what);
  const imports = [...code.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]);
  expect({ found, badImports: imports.filter((i) => !allowedImport(file, i)) }).toEqual({
    found: [],
    badImports: [],
  });
});
