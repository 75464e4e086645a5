import { useEffect, useState } from 'react';
import { ok } from '../../api/client';
import type { BodyOf, MethodologyPreview } from '../../api/types';
import { useScope } from '../../session/SessionContext';

export type PreviewRequest = BodyOf<'/v1/programs/{program}/methodologies/preview', 'post'>;

/**
 * The service's own figure for the definition being edited, asked again a moment after each
 * change (the console computes nothing itself). `request` null: the text is not a definition yet.
 */
export function useMethodologyPreview(request: PreviewRequest | null, delayMs = 250) {
  const { api, program } = useScope();
  const [preview, setPreview] = useState<MethodologyPreview | null>(null);
  const [error, setError] = useState<unknown>(null);
  const key = request === null ? null : JSON.stringify(request);
  useEffect(() => {
    if (key === null) {
      setPreview(null);
      return;
    }
    let live = true;
    const timer = setTimeout(async () => {
      try {
        const answer = ok(
          await api.POST('/v1/programs/{program}/methodologies/preview', {
            params: { path: { program } },
            body: JSON.parse(key) as PreviewRequest,
          }),
        );
        if (live) {
          setPreview(answer);
          setError(null);
        }
      } catch (err) {
        if (live) {
          setPreview(null);
          setError(err);
        }
      }
    }, delayMs);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, program, key, delayMs]);
  return { preview, error };
}
