import {
  API_ERROR_CODES,
  ApiError,
  apiErrorOf,
  isApiErrorCode,
  ServiceUnavailableError,
  TooManyRequestsError,
} from '../../src';

const body = (statusCode: number, code: string, message = 'm') => ({
  statusCode,
  error: 'x',
  code,
  message,
});

describe('typed API errors', () => {
  it('turns a 429 into TooManyRequestsError with its Retry-After, to wait before signing in again', () => {
    const error = apiErrorOf(429, body(429, 'wechat_rate_limited', 'Too many sign-ins'), '60');
    expect(error).toBeInstanceOf(TooManyRequestsError);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 429,
      code: 'wechat_rate_limited',
      message: 'Too many sign-ins',
      retryAfterSeconds: 60,
    });
  });

  it('turns a 503 into ServiceUnavailableError, 5 s when Retry-After is missing or not seconds', () => {
    const down = apiErrorOf(503, body(503, 'storage_unavailable'), '5');
    expect(down).toBeInstanceOf(ServiceUnavailableError);
    expect(down).toMatchObject({ code: 'storage_unavailable', retryAfterSeconds: 5 });
    expect(apiErrorOf(503, body(503, 'wechat_unavailable'), '30')).toMatchObject({
      retryAfterSeconds: 30,
    });
    expect(apiErrorOf(503, body(503, 'retry_later'))).toMatchObject({ retryAfterSeconds: 5 });
    expect(
      apiErrorOf(503, body(503, 'retry_later'), 'Wed, 21 Oct 2026 07:28:00 GMT'),
    ).toMatchObject({ retryAfterSeconds: 5 });
  });

  it('keeps other statuses a plain ApiError with the code to switch on', () => {
    const error = apiErrorOf(409, body(409, 'user_already_bound', 'already bound'));
    expect(error).not.toBeInstanceOf(TooManyRequestsError);
    expect(error).not.toBeInstanceOf(ServiceUnavailableError);
    expect(error).toMatchObject({ status: 409, code: 'user_already_bound' });
    if (error.code === 'user_already_bound') expect(error.message).toBe('already bound');
  });

  it('gives code null for a code this sdk does not know, or a body that is not the API’s', () => {
    const newer = apiErrorOf(409, body(409, 'something_new'));
    expect(newer.code).toBeNull();
    expect(newer.body?.code).toBe('something_new');
    const proxy = apiErrorOf(502, '<html>Bad Gateway</html>');
    expect(proxy).toMatchObject({ status: 502, code: null, body: null, message: 'HTTP 502' });
  });
});

describe('the error code list', () => {
  it('has no code twice, and every code is snake_case', () => {
    expect(new Set(API_ERROR_CODES).size).toBe(API_ERROR_CODES.length);
    for (const code of API_ERROR_CODES) expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
  });

  it('tells known codes from others', () => {
    expect(isApiErrorCode('program_not_found')).toBe(true);
    expect(isApiErrorCode('Program_not_found')).toBe(false);
    expect(isApiErrorCode(undefined)).toBe(false);
  });
});
