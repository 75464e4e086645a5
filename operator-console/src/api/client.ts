// The one client of the clearing service: types generated from clearing-service/openapi.json
// (npm run api-types), the signed-in key added to each request, errors turned into ApiError.
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { ApiError, type ApiErrorBody } from './errors';

export type { paths };

/** Where the key comes from at request time (the session), so the client itself holds none. */
export type KeySource = () => string | null;

export function createApi(
  key: KeySource,
  baseUrl = window.location.origin,
  fetchImpl?: (request: Request) => Promise<Response>,
) {
  const client = createClient<paths>({ baseUrl, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
  const auth: Middleware = {
    onRequest({ request }) {
      const token = key();
      if (token) request.headers.set('authorization', `Bearer ${token}`);
      return request;
    },
  };
  client.use(auth);
  return client;
}

export type Api = ReturnType<typeof createApi>;

/**
 * The data of an openapi-fetch answer, or an ApiError naming what the service said (its code,
 * each field and reason, Retry-After). Pages call `ok(await api.GET(…))`.
 */
export function ok<T>(answer: { data?: T; error?: unknown; response: Response }): T {
  if (answer.response.ok && answer.data !== undefined) return answer.data;
  if (answer.response.ok) return undefined as T; // 204
  throw ApiError.from(answer.response, answer.error as ApiErrorBody | undefined);
}
