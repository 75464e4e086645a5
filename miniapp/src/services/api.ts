// The typed client: paths and bodies from the generated api-types.ts (openapi-typescript over
// clearing-service/openapi.json), sent with Taro.request, which works on the phone (no fetch,
// Request or Headers there) and in the H5 build alike.
import Taro from '@tarojs/taro';
import type { paths } from './api-types';
import { appConfig } from './app-config';
import { session } from './session';

type Method = 'get' | 'post' | 'delete';
type Op<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
type Json<T> = T extends { content: { 'application/json': infer J } } ? J : never;
type Ok<O> = O extends { responses: infer R }
  ? R extends { 200: infer A }
    ? Json<A>
    : R extends { 201: infer A }
      ? Json<A>
      : never
  : never;
type Body<O> = O extends { requestBody: { content: { 'application/json': infer B } } } ? B : never;
type Query<O> = O extends { parameters: { query?: infer Q } } ? Q : never;

export type ApiAnswer<P extends keyof paths, M extends Method> = Ok<Op<P, M>>;

/** Why a request failed: no network, or the service's answer (status, code, message). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
  /** No answer at all: the phone is offline or the service unreachable. */
  get offline(): boolean {
    return this.status === 0;
  }
}

export interface CallOptions<P extends keyof paths, M extends Method> {
  path?: Record<string, string>;
  query?: Query<Op<P, M>>;
  body?: Body<Op<P, M>>;
  headers?: Record<string, string>;
  /** Sent without the session token (public routes). */
  anonymous?: boolean;
}

/** Calls `method path`; `{program}` is filled from the run-time config. */
export async function call<P extends keyof paths, M extends Method>(
  method: M,
  path: P,
  options: CallOptions<P, M> = {},
): Promise<ApiAnswer<P, M>> {
  const res = await send(method, path, options, 'text');
  return (res === '' ? undefined : JSON.parse(res as string)) as ApiAnswer<P, M>;
}

/** GETs a binary resource (the log's tiles) as bytes. */
export async function callBytes(url: string): Promise<Uint8Array> {
  const data = await send('get', url, { anonymous: true }, 'arraybuffer');
  return new Uint8Array(data as ArrayBuffer);
}

/** GETs a text/plain resource (a checkpoint note). */
export function callText(url: string, options: { anonymous?: boolean } = {}): Promise<string> {
  return send('get', url, options, 'text') as Promise<string>;
}

async function send(
  method: Method,
  path: string,
  options: {
    path?: Record<string, string>;
    query?: unknown;
    body?: unknown;
    headers?: Record<string, string>;
    anonymous?: boolean;
  },
  responseType: 'text' | 'arraybuffer',
): Promise<string | ArrayBuffer> {
  const config = await appConfig();
  const url =
    config.apiBase +
    fillPath(path, { program: config.program, ...options.path }) +
    queryOf(options.query);
  const header: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) header['content-type'] = 'application/json';
  if (!options.anonymous) await session.ready();
  const token = options.anonymous ? undefined : session.token();
  if (token) header.authorization = `Bearer ${token}`;
  let res: Taro.request.SuccessCallbackResult<string | ArrayBuffer>;
  try {
    res = await Taro.request<string | ArrayBuffer>({
      url,
      method: method.toUpperCase() as 'GET' | 'POST' | 'DELETE',
      header,
      data: options.body === undefined ? undefined : JSON.stringify(options.body),
      dataType: 'text',
      responseType,
      timeout: 15_000,
    });
  } catch (err) {
    throw new ApiError(0, 'network', (err as { errMsg?: string }).errMsg ?? String(err));
  }
  if (res.statusCode >= 200 && res.statusCode < 300) {
    return responseType === 'text' ? String(res.data ?? '') : (res.data as ArrayBuffer);
  }
  if (res.statusCode === 401) session.clear();
  throw errorOf(res.statusCode, res.data);
}

function errorOf(status: number, data: unknown): ApiError {
  let parsed: { code?: string; message?: string } = {};
  try {
    parsed = typeof data === 'string' ? JSON.parse(data) : {};
  } catch {
    parsed = {};
  }
  return new ApiError(status, parsed.code ?? `http_${status}`, parsed.message ?? `HTTP ${status}`);
}

export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`no value for {${key}} in ${path}`);
    return encodeURIComponent(value);
  });
}

function queryOf(query: unknown): string {
  if (query === undefined || query === null) return '';
  const parts = Object.entries(query as Record<string, unknown>)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}
