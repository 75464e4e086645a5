import { UnavailableError } from '../http/domain-error';
import { isRetryableLockError } from './deadlock-retry';

/**
 * A write that lost to other writers after its retries (deadlock or lock-wait timeout): MySQL
 * rolled the whole transaction back, so nothing of it happened, and a retry in a moment succeeds.
 * Answered 503 with Retry-After, like an outage, never 500.
 */
export class StorageBusyError extends UnavailableError {
  constructor() {
    super('storage_busy', 'the database is busy with conflicting writes; retry in a second', 1);
  }
}

/** The answer for a lock conflict that reached the HTTP layer, or null. */
export function storageBusyOf(err: unknown): StorageBusyError | null {
  return isRetryableLockError(err) ? new StorageBusyError() : null;
}
