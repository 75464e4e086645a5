import { act, renderHook, waitFor } from '@testing-library/react';
import { useCallback } from 'react';
import { describe, expect, it } from 'vitest';
import { type CursorPage, useCursorList } from './useCursorList';

/** A list of 5 rows served 2 at a time, the cursor being the last row's id. */
function pages(rows: string[]) {
  const asked: (string | null)[] = [];
  const fetchPage = async (after: string | null): Promise<CursorPage<string>> => {
    asked.push(after);
    const start = after === null ? 0 : rows.indexOf(after) + 1;
    const items = rows.slice(start, start + 2);
    return { items, next: start + 2 < rows.length ? items[items.length - 1] : null };
  };
  return { asked, fetchPage };
}

describe('useCursorList', () => {
  it('loads the first page, then each next page from the cursor, until there is none', async () => {
    const { asked, fetchPage } = pages(['a', 'b', 'c', 'd', 'e']);
    const { result } = renderHook(() => useCursorList(fetchPage));
    await waitFor(() => expect(result.current.items).toEqual(['a', 'b']));
    expect(result.current.hasMore).toBe(true);
    await act(() => result.current.loadMore());
    expect(result.current.items).toEqual(['a', 'b', 'c', 'd']);
    await act(() => result.current.loadMore());
    expect(result.current.items).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(result.current.hasMore).toBe(false);
    await act(() => result.current.loadMore()); // nothing more to ask for
    expect(asked).toEqual([null, 'b', 'd']);
  });

  it('starts over when the fetch changes (new filters), and keeps an error to show', async () => {
    let failing = false;
    const { result, rerender } = renderHook(
      ({ rows }) =>
        useCursorList(
          // As pages do: a new fetch only when its filters change.
          useCallback(async () => {
            if (failing) throw new Error('storage unavailable');
            return { items: rows, next: null };
          }, [rows]),
        ),
      { initialProps: { rows: ['a'] } },
    );
    await waitFor(() => expect(result.current.items).toEqual(['a']));
    rerender({ rows: ['x', 'y'] });
    await waitFor(() => expect(result.current.items).toEqual(['x', 'y']));
    failing = true;
    await act(() => result.current.reload());
    expect((result.current.error as Error).message).toBe('storage unavailable');
  });
});
