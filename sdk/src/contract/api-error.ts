import { ApiErrorBody } from './errors';
import { type ApiErrorCode, isApiErrorCode } from './error-codes';

/**
 * A failed API call as an app handles it: the status, the body's code (null when the service sent
 * none, e.g. a 500, or one this sdk does not know) and its message. 429 and 503 are their own
 * classes because they are the ones to retry, after `retryAfterSeconds`.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode | null,
    message: string,
    readonly body: ApiErrorBody | null,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** 429: too many requests (e.g. WeChat's sign-in quota); try again after `retryAfterSeconds`. */
export class TooManyRequestsError extends ApiError {
  constructor(
    code: ApiErrorCode | null,
    message: string,
    body: ApiErrorBody | null,
    readonly retryAfterSeconds: number,
  ) {
    super(429, code, message, body);
  }
}

/** 503: a store or a provider is down for a moment; nothing was wrong with the request. */
export class ServiceUnavailableError extends ApiError {
  constructor(
    code: ApiErrorCode | null,
    message: string,
    body: ApiErrorBody | null,
    readonly retryAfterSeconds: number,
  ) {
    super(503, code, message, body);
  }
}

/** Without a usable Retry-After: the service's shortest (storage_unavailable answers 5). */
export const DEFAULT_RETRY_AFTER_SECONDS = 5;

/**
 * The typed error for a non-2xx answer: its status, its parsed body (anything, e.g. a proxy's HTML
 * page, is accepted) and its Retry-After header (whole seconds; an HTTP date is not sent by Tanlian).
 */
export function apiErrorOf(status: number, body: unknown, retryAfter?: string | null): ApiError {
  const parsed = ApiErrorBody.safeParse(body);
  const errorBody = parsed.success ? parsed.data : null;
  const raw = errorBody?.code;
  const code = isApiErrorCode(raw) ? raw : null;
  const message = errorBody?.message ?? `HTTP ${status}`;
  const seconds = /^\d+$/.test(retryAfter?.trim() ?? '')
    ? Number(retryAfter)
    : DEFAULT_RETRY_AFTER_SECONDS;
  if (status === 429) return new TooManyRequestsError(code, message, errorBody, seconds);
  if (status === 503) return new ServiceUnavailableError(code, message, errorBody, seconds);
  return new ApiError(status, code, message, errorBody);
}
