// The verifier core runs inside the service's fsck and could run on the phone: only the CLI may
// use Node. BigInt values are fine (balances), but not 0n literals, which old engines cannot parse.
import * as fs from 'node:fs';
import * as path from 'node:path';

const DIR = path.resolve(__dirname, '../../src/verifier');
const NODE_ONLY = new Set(['cli.ts']);
const FORBIDDEN: Array<[RegExp, string]> = [
  [/from\s+'node:/, 'node: import'],
  [/\brequire\s*\(/, 'require()'],
  [/\bBuffer\b/, 'Buffer'],
  [/\bprocess\b/, 'process'],
  [/\b(TextEncoder|TextDecoder|atob|btoa)\b/, 'web text/base64 global'],
  [/\b\d+n\b/, 'bigint literal'],
  [/reference types="node"/, 'Node types'],
];
const ALLOWED_IMPORTS = /^(\.\/|\.\.\/(audit|encoding|contract)\/|zod$)/;

const strip = (code: string) => code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.ts') && !NODE_ONLY.has(f));

test('scans the core and the HTTP source', () => {
  expect(files).toEqual(expect.arrayContaining(['verify-audit-log.ts', 'http-source.ts']));
});

test.each(files)('%s uses nothing Node-only', (file) => {
  const code = strip(fs.readFileSync(path.join(DIR, file), 'utf8'));
  const found = FORBIDDEN.filter(([pattern]) => pattern.test(code)).map(([, what]) => what);
  const imports = [...code.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]);
  expect({ found, badImports: imports.filter((i) => !ALLOWED_IMPORTS.test(i)) }).toEqual({
    found: [],
    badImports: [],
  });
});
