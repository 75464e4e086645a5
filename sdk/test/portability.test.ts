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
const ALLOWED_IMPORTS = /^(\.\/|\.\.\/encoding\/|@noble\/hashes\/|@noble\/curves\/)/;

const stripComments = (code: string) =>
  code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
const files = SCANNED.flatMap((dir) =>
  fs
    .readdirSync(path.join(SRC, dir))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => `${dir}/${f}`),
);

test('scans the modules the mini-program imports', () => {
  expect(files).toEqual(
    expect.arrayContaining([
      'audit/sm3.ts',
      'audit/receipt.ts',
      'encoding/base64.ts',
      'webhooks/verify.ts',
    ]),
  );
});

test.each(files)('%s uses nothing Node-only', (file) => {
  const code = stripComments(fs.readFileSync(path.join(SRC, file), 'utf8'));
  const found = FORBIDDEN.filter(([pattern]) => pattern.test(code)).map(([, what]) => what);
  const imports = [...code.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]);
  expect({ found, badImports: imports.filter((i) => !ALLOWED_IMPORTS.test(i)) }).toEqual({
    found: [],
    badImports: [],
  });
});
