import { useCallback, useState } from 'react';
import { newIdempotencyKey } from '../api/idempotency';

export interface Action {
  /** The last failure, as the service said it (null once an action starts again). */
  error: unknown;
  setError(error: unknown): void;
  /** The Idempotency-Key of the action being entered. */
  key: string;
  /** A dialog's onOpenChange: opening it starts a new action, with a new key. */
  fresh(open?: boolean): void;
  /** Runs `work` (which sends `key`): true when it succeeded, else false with `error` set. */
  run(work: () => Promise<unknown>): Promise<boolean>;
}

/**
 * One action of a page (a capture, a close, a save) with its error and its Idempotency-Key. The key
 * stays while the action is retried after a failure or a lost answer, so a second press repeats
 * the same action, never a second one; a success or a newly opened dialog takes a new key.
 */
export function useAction(): Action {
  const [error, setError] = useState<unknown>(null);
  const [key, setKey] = useState(newIdempotencyKey);
  const fresh = useCallback((open = true) => {
    if (open) setKey(newIdempotencyKey());
  }, []);
  const run = useCallback(async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      setKey(newIdempotencyKey());
      return true;
    } catch (err) {
      setError(err);
      return false;
    }
  }, []);
  return { error, setError, key, fresh, run };
}
