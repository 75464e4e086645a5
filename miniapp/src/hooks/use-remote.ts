// Loading a screen's data with every state a screen must show: loading, ready, empty, error,
// offline (with what was saved last time, when there is something) and signed out.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../services/api';
import { readStored, writeStored } from '../services/storage';

export type RemoteState<T> =
  | { status: 'loading' }
  | { status: 'ready'; data: T; offline: boolean }
  | { status: 'empty'; offline: boolean }
  | { status: 'error'; message: string }
  | { status: 'offline' }
  | { status: 'signed-out' };

export interface RemoteOptions<T> {
  /** Storage key of the last good answer, shown offline. */
  cacheKey?: string;
  isEmpty?: (data: T) => boolean;
}

export function useRemote<T>(load: () => Promise<T>, options: RemoteOptions<T> = {}) {
  const [state, setState] = useState<RemoteState<T>>({ status: 'loading' });
  // The latest loader and options, read when loading: a screen passes new closures on every
  // render, and they must not start a new load each time.
  const latest = useRef({ load, options });
  latest.current = { load, options };

  const reload = useCallback(async () => {
    setState({ status: 'loading' });
    const { cacheKey, isEmpty } = latest.current.options;
    try {
      const data = await latest.current.load();
      if (cacheKey) writeStored(cacheKey, data);
      setState(
        isEmpty?.(data)
          ? { status: 'empty', offline: false }
          : { status: 'ready', data, offline: false },
      );
    } catch (err) {
      setState(stateOfError<T>(err, cacheKey, isEmpty));
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { state, reload, setState };
}

export function stateOfError<T>(
  err: unknown,
  cacheKey?: string,
  isEmpty?: (data: T) => boolean,
): RemoteState<T> {
  if (err instanceof ApiError && err.status === 401) return { status: 'signed-out' };
  if (err instanceof ApiError && err.offline) {
    const saved = cacheKey ? readStored<T>(cacheKey) : undefined;
    if (saved === undefined) return { status: 'offline' };
    return isEmpty?.(saved)
      ? { status: 'empty', offline: true }
      : { status: 'ready', data: saved, offline: true };
  }
  return { status: 'error', message: err instanceof Error ? err.message : String(err) };
}
