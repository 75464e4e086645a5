import { useCallback, useEffect, useRef, useState } from 'react';

/** One page of a cursor list: its rows and the cursor of the next page (null at the end). */
export interface CursorPage<T> {
  items: T[];
  next: string | null;
}

export interface CursorList<T> {
  items: T[];
  loading: boolean;
  error: unknown;
  hasMore: boolean;
  loadMore(): Promise<void>;
  /** Starts again from the first page (after a change, or new filters). */
  reload(): Promise<void>;
}

/**
 * Rows of a list the service pages by cursor (`after` → `next`), one "load more" at a time: there
 * are no page numbers to jump to, as in the API. `fetchPage` changing (new filters) starts over.
 */
export function useCursorList<T>(
  fetchPage: (after: string | null) => Promise<CursorPage<T>>,
): CursorList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // Answers of an older fetchPage (filters changed meanwhile) are dropped.
  const generation = useRef(0);

  const load = useCallback(
    async (after: string | null, replace: boolean) => {
      const mine = ++generation.current;
      setLoading(true);
      setError(null);
      try {
        const page = await fetchPage(after);
        if (mine !== generation.current) return;
        setItems((old) => (replace ? page.items : [...old, ...page.items]));
        setNext(page.next);
        setDone(page.next === null);
      } catch (err) {
        if (mine === generation.current) setError(err);
      } finally {
        if (mine === generation.current) setLoading(false);
      }
    },
    [fetchPage],
  );

  const reload = useCallback(() => load(null, true), [load]);
  const loadMore = useCallback(async () => {
    if (!done && next !== null) await load(next, false);
  }, [done, next, load]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { items, loading, error, hasMore: !done, loadMore, reload };
}
