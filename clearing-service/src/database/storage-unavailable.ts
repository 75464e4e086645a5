import { UnavailableError } from '../http/domain-error';

// Only MySQL is marked today: no request waits on Redis (wake-ups are sent without waiting).
export type Store = 'MySQL' | 'Redis';

/**
 * Retry-After of a 503 storage_unavailable: long enough that operators' retries do not pile onto a
 * restarting server, short enough that a failover of a few seconds costs them little.
 */
export const STORAGE_RETRY_AFTER_SECONDS = 5;

/** A request met a store it could not reach in time. The body names the store, never the cause. */
export class StorageUnavailableError extends UnavailableError {
  constructor(readonly store: Store) {
    super(
      'storage_unavailable',
      `${store} is unavailable right now; retry in a few seconds`,
      STORAGE_RETRY_AFTER_SECONDS,
    );
  }
}

// The driver's own errors (refused, reset, timed out), marked where they are seen, so that they keep
// their message and stack for logs and start-up failures, and are told apart from a statement's errors.
const outages = new WeakMap<object, Store>();

export function markUnavailable<E extends object>(err: E, store: Store): E {
  outages.set(err, store);
  return err;
}

/** The outage behind an error, also when TypeORM wrapped the driver's error (QueryFailedError). */
export function storageOutageOf(err: unknown): StorageUnavailableError | null {
  if (typeof err !== 'object' || err === null) return null;
  const driverError = (err as { driverError?: unknown }).driverError;
  const store =
    outages.get(err) ??
    (typeof driverError === 'object' && driverError !== null
      ? outages.get(driverError)
      : undefined);
  return store ? new StorageUnavailableError(store) : null;
}
