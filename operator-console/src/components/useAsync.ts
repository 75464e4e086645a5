import { useCallback, useEffect, useState } from 'react';

/** A value read once (and again on reload), with its loading state and error. */
export function useAsync<T>(read: () => Promise<T>) {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const reload = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      setValue(await read());
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
    }
  }, [read]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { value, error, loading, reload, setValue };
}
