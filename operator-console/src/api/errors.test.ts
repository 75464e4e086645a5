import { describe, expect, it } from 'vitest';
import { ok } from './client';
import { ApiError, describeError } from './errors';

describe('ok', () => {
  it('returns the data of a 2xx answer', () => {
    expect(ok({ data: { a: 1 }, response: new Response(null, { status: 200 }) })).toEqual({ a: 1 });
  });

  it('throws the service’s code, each field and reason, and Retry-After', () => {
    const response = new Response(null, { status: 503, headers: { 'retry-after': '2' } });
    const body = {
      statusCode: 503,
      error: 'x',
      message: 'MySQL is unreachable',
      code: 'storage_unavailable',
    };
    expect(() => ok({ error: body, response })).toThrow(ApiError);
    try {
      ok({ error: body, response });
    } catch (err) {
      expect(err).toMatchObject({ status: 503, code: 'storage_unavailable', retryAfterS: 2 });
    }
    const invalid = ApiError.from(new Response(null, { status: 422 }), {
      message: 'invalid',
      code: 'validation_failed',
      errors: [{ field: 'label', reason: 'must not be empty' }],
    });
    expect(describeError(invalid)).toEqual(['label: must not be empty (validation_failed)']);
  });
});
