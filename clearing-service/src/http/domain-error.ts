/**
 * A failure the caller can act on. Services throw these; the HTTP filter turns them into
 * their status with a stable `code`, so no service imports HTTP types.
 */
export abstract class DomainError extends Error {
  abstract readonly httpStatus: 400 | 403 | 404 | 409 | 422;
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
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
