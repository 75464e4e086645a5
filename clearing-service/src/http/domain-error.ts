/**
 * A failure the caller can act on. Services throw these; the HTTP filter turns them into
 * their status with a stable `code`, so no service imports HTTP types.
 */
export abstract class DomainError extends Error {
  abstract readonly httpStatus: 400 | 401 | 403 | 404 | 409 | 422 | 429 | 503;
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** No credentials, or ones that name no live key or session. */
export class UnauthorizedError extends DomainError {
  readonly httpStatus = 401;
}

export class NotFoundError extends DomainError {
  readonly httpStatus = 404;
}

export class ConflictError extends DomainError {
  readonly httpStatus = 409;
}

export class ForbiddenError extends DomainError {
  readonly httpStatus = 403;
}

/**
 * A value the request named is well-formed but out of range for the data (a tree size above the
 * latest checkpoint, a signature that does not verify): 422 with the same per-field body as a
 * malformed one (`validation_failed`, `errors: [{field, reason}]`).
 */
export class FieldError extends DomainError {
  readonly httpStatus = 422;
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super('validation_failed', `${field}: ${reason}`);
  }
}

/** A failure that passes: the answer carries Retry-After, and clients retry after that long. */
export abstract class RetryLaterError extends DomainError {
  constructor(
    code: string,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(code, message);
  }
}

/**
 * A well-formed request the business rules refuse (not enough points, more than the hold): 422
 * with its own code, unlike a malformed field's `validation_failed`.
 */
export class UnprocessableError extends DomainError {
  readonly httpStatus = 422;
}

/**
 * The server cannot answer now through no fault of the caller, nor a bug here (a store it cannot
 * reach, a secret it cannot read): 503 with Retry-After, which clients retry, unlike a 500.
 */
export class UnavailableError extends RetryLaterError {
  readonly httpStatus = 503;
}

/** The caller, or everyone, asked too often (a provider's quota): 429 with Retry-After. */
export class TooManyRequestsError extends RetryLaterError {
  readonly httpStatus = 429;
}

/**
 * A failure answered before under the same Idempotency-Key (src/idempotency/), sent again exactly
 * as it was: its status and body, with `Idempotent-Replayed: true`.
 */
export class ReplayedFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(String(body.message ?? `HTTP ${status}`));
    this.name = 'ReplayedFailure';
  }
}
