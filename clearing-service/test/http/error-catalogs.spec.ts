import { API_ERROR_CODES, type WebhookRejectionReason } from '@tanlian/sdk';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as audit from '../../src/audit/audit-errors';
import * as callbacks from '../../src/callbacks/callbacks-errors';
import * as clearing from '../../src/clearing/clearing-errors';
import * as funding from '../../src/funding/funding-errors';
import { StorageBusyError } from '../../src/database/storage-busy';
import { StorageUnavailableError } from '../../src/database/storage-unavailable';
import { CORS_REFUSED } from '../../src/http/cors';
import { DomainError, FieldError } from '../../src/http/domain-error';
import { DEFAULT_CODE, MALFORMED_JSON } from '../../src/http/http-exception.filter';
import * as idempotency from '../../src/idempotency/idempotency-errors';
import * as ingest from '../../src/ingest/ingest-errors';
import * as merchants from '../../src/merchants/merchants-errors';
import * as methodology from '../../src/methodology/services/methodology-errors';
import * as redemption from '../../src/redemption/redemption-errors';
import * as residents from '../../src/residents/residents-errors';
import * as tenancy from '../../src/tenancy/tenancy-errors';

const CATALOGS = {
  audit,
  callbacks,
  clearing,
  funding,
  idempotency,
  ingest,
  merchants,
  methodology,
  redemption,
  residents,
  tenancy,
};

// Exhaustive at compile time: a new verifier reason fails typecheck here until it is listed.
const SIGNATURE_REASONS: Record<WebhookRejectionReason, true> = {
  no_keys: true,
  invalid_key: true,
  invalid_options: true,
  missing_header: true,
  ambiguous_header: true,
  malformed_id: true,
  malformed_timestamp: true,
  timestamp_too_old: true,
  timestamp_in_future: true,
  malformed_signature: true,
  no_matching_signature: true,
};

/** Every error a catalog export makes: factories are called with placeholder arguments. */
function errorsOf(name: string, value: unknown): DomainError[] {
  if (name === 'signatureRejected')
    return Object.keys(SIGNATURE_REASONS).map((r) =>
      ingest.signatureRejected(r as WebhookRejectionReason, 'm'),
    );
  if (typeof value === 'function') {
    if (/^[A-Z]/.test(name)) return [new (value as new (m: string) => DomainError)('m')];
    return [(value as (...args: unknown[]) => DomainError)('x', 'y', 'z')];
  }
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([key, v]) => errorsOf(key, v));
  throw new Error(`${name} is not an error factory`);
}

const thrown = Object.entries(CATALOGS).flatMap(([module, catalog]) =>
  Object.entries(catalog).flatMap(([name, value]) =>
    errorsOf(name, value).map((error) => ({ module, name, error })),
  ),
);

// What the HTTP layer answers on its own, outside any module's catalog.
const HTTP_CODES = [
  ...Object.values(DEFAULT_CODE),
  MALFORMED_JSON,
  CORS_REFUSED,
  new FieldError('field', 'reason').code,
  new StorageUnavailableError('MySQL').code,
  new StorageBusyError().code,
];

it('makes only domain errors, each with a status, from every catalog', () => {
  expect(thrown.length).toBeGreaterThan(40);
  for (const { error } of thrown) {
    expect(error).toBeInstanceOf(DomainError);
    expect(error.httpStatus).toBeGreaterThanOrEqual(400);
  }
});

it('names every code the service can answer in the sdk, and none the service never answers', () => {
  const service = new Set([...thrown.map(({ error }) => error.code), ...HTTP_CODES]);
  const missing = [...service].filter(
    (code) => !(API_ERROR_CODES as readonly string[]).includes(code),
  );
  expect(missing).toEqual([]);
  const stale = API_ERROR_CODES.filter((code) => !service.has(code));
  expect(stale).toEqual([]);
});

it('keeps one status per code, so an app can rely on the pair', () => {
  const statusOf = new Map<string, number>();
  for (const { module, name, error } of thrown) {
    const seen = statusOf.get(error.code);
    if (seen !== undefined && seen !== error.httpStatus)
      throw new Error(`${module}.${name}: ${error.code} answers ${error.httpStatus} and ${seen}`);
    statusOf.set(error.code, error.httpStatus);
  }
});

// The catalogs are complete only if no module makes its errors elsewhere. A FieldError (422
// validation_failed, naming the field) is made where the field is checked.
it('makes every domain error in a catalog, not inline', () => {
  const src = join(__dirname, '../../src');
  const files = (readdirSync(src, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ts') && !/(^|\/)[a-z]+-errors\.ts$/.test(f))
    .filter((f) => !['http/domain-error.ts', 'database/storage-unavailable.ts'].includes(f));
  const inline = files.flatMap((file) =>
    [
      ...readFileSync(join(src, file), 'utf8').matchAll(
        /new (NotFoundError|ConflictError|ForbiddenError|UnauthorizedError|UnavailableError|TooManyRequestsError|\w+Exception)\(/g,
      ),
    ].map((m) => `${relative(src, join(src, file))}: new ${m[1]}`),
  );
  expect(inline).toEqual([]);
});
