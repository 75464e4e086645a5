import { ConflictError, FieldError, RetryLaterError } from '../http/domain-error';

// Every failure of this module, with its stable code (sdk error-codes.ts lists them).

export const idempotencyKeyMissing = () =>
  new FieldError(
    'Idempotency-Key',
    'is required: a unique value per operation (e.g. a UUID), sent again with every retry of it',
  );

export const idempotencyKeyMalformed = () =>
  new FieldError('Idempotency-Key', 'must be 1 to 255 visible ASCII characters');

/** The key was used before, by this principal on this route, for a different request. */
export const idempotencyKeyReused = () =>
  new ConflictError(
    'idempotency_key_reused',
    'This Idempotency-Key was used for a different request on this route: use a new key for a new operation',
  );

/** The first request with this key is still being answered: retry in a moment for its answer. */
export class IdempotencyKeyInUse extends RetryLaterError {
  readonly httpStatus = 409;
  constructor() {
    super(
      'idempotency_key_in_use',
      'A request with this Idempotency-Key is still in progress; retry shortly to get its answer',
      1,
    );
  }
}
