import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildOpenApiDocument } from '../../src/openapi/openapi-document';
import { formatSpec } from '../../src/openapi/format-spec';
import { startTestApi, TestApi } from '../support/test-app';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi('openapi');
});
afterAll(() => api.close());

describe('checked-in OpenAPI spec', () => {
  it('matches what the code generates (run `npm run openapi -w clearing-service` after changing the API)', () => {
    const generated = formatSpec(buildOpenApiDocument(api.app));
    const checkedIn = readFileSync(join(__dirname, '..', '..', 'openapi.json'), 'utf8');
    expect(checkedIn).toEqual(generated);
  });

  it('states an access policy for every operation', () => {
    const doc = buildOpenApiDocument(api.app);
    const missing = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([, op]) => typeof op === 'object' && op !== null && !('x-tanlian-access' in op))
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(missing).toEqual([]);
  });
});
