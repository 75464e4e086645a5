import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useCallback } from 'react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import { I18nProvider } from '../i18n/I18nProvider';
import { CursorTable } from './CursorTable';
import { useCursorList } from './useCursorList';

type Row = { id: string };
const ROWS: Row[] = ['r1', 'r2', 'r3'].map((id) => ({ id }));

function Rows({ error, failing = false }: { error?: unknown; failing?: boolean }) {
  const list = useCursorList<Row>(
    useCallback(
      async (after) => {
        if (failing) throw new ApiError(503, 'storage_unavailable', 'try again', [], 2);
        const start = after === null ? 0 : ROWS.findIndex((r) => r.id === after) + 1;
        const items = ROWS.slice(start, start + 2);
        return { items, next: start + 2 < ROWS.length ? items[items.length - 1].id : null };
      },
      [failing],
    ),
  );
  return (
    <CursorTable<Row>
      list={list}
      error={error}
      rowKey="id"
      columns={[{ title: 'id', dataIndex: 'id' }]}
    />
  );
}

// Waiting, not timing: a loaded machine renders ProTable slowly.
const SLOW = { timeout: 15_000 };
const shown = () => ROWS.map((r) => r.id).filter((id) => screen.queryByText(id));

describe('CursorTable', () => {
  it('shows the first page, then the next one on "load more", then the end', async () => {
    render(
      <I18nProvider>
        <Rows />
      </I18nProvider>,
    );
    await waitFor(() => expect(shown()).toEqual(['r1', 'r2']), SLOW);
    fireEvent.click(screen.getByRole('button', { name: /加载更多/ }));
    await waitFor(() => expect(shown()).toEqual(['r1', 'r2', 'r3']), SLOW);
    expect(screen.queryByRole('button', { name: /加载更多/ })).toBeNull();
    expect(screen.getByText('已全部加载')).toBeTruthy();
  });

  it("shows the list's error as the service said it, and the page's action's first", async () => {
    const { unmount } = render(
      <I18nProvider>
        <Rows failing />
      </I18nProvider>,
    );
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('try again'), SLOW);
    unmount();
    render(
      <I18nProvider>
        <Rows
          error={
            new ApiError(422, 'validation_failed', 'bad', [
              { field: 'points', reason: 'must be at least 1' },
            ])
          }
        />
      </I18nProvider>,
    );
    await waitFor(
      () => expect(screen.getByRole('alert').textContent).toContain('points: must be at least 1'),
      SLOW,
    );
  });
});
