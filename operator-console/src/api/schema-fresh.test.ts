// @vitest-environment node
// The generated client types must be those of the service's current spec: regenerate with
// `npm run -w operator-console api-types` after changing an endpoint (and its openapi.json).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';

it('is generated from clearing-service/openapi.json as it stands', () => {
  const root = join(__dirname, '..', '..');
  const out = join(mkdtempSync(join(tmpdir(), 'console-schema-')), 'schema.d.ts');
  execFileSync(
    process.execPath,
    [
      join(root, '..', 'node_modules', 'openapi-typescript', 'bin', 'cli.js'),
      join(root, '..', 'clearing-service', 'openapi.json'),
      '-o',
      out,
    ],
    { stdio: 'pipe' },
  );
  const committed = readFileSync(join(root, 'src', 'api', 'schema.d.ts'), 'utf8');
  expect(committed === readFileSync(out, 'utf8')).toBe(true);
});
