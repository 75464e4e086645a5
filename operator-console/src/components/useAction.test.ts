import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useAction } from './useAction';

describe('useAction', () => {
  it('keeps its key and the error through a failure, so a retry is the same action', async () => {
    const { result } = renderHook(() => useAction());
    const sent: string[] = [];
    const first = result.current.key;
    let failing = true;
    const work = async () => {
      sent.push(result.current.key);
      if (failing) throw new Error('storage unavailable');
    };
    let done: boolean | undefined;
    await act(async () => {
      done = await result.current.run(work);
    });
    expect(done).toBe(false);
    expect((result.current.error as Error).message).toBe('storage unavailable');
    expect(result.current.key).toBe(first);

    failing = false;
    await act(async () => {
      done = await result.current.run(work);
    });
    expect(done).toBe(true);
    expect(result.current.error).toBeNull();
    expect(sent).toEqual([first, first]);
    // The next action is another one: a new key.
    expect(result.current.key).not.toBe(first);
  });

  it('takes a new key when a dialog opens, and none when it closes', () => {
    const { result } = renderHook(() => useAction());
    const first = result.current.key;
    act(() => result.current.fresh(false));
    expect(result.current.key).toBe(first);
    act(() => result.current.fresh(true));
    expect(result.current.key).not.toBe(first);
  });
});
