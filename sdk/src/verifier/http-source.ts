// The public audit API (`<url>/v1/programs/<program>/audit/…`) as an AuditLogSource. Uses the
// runtime's fetch (Node 20, browsers) or one passed in; every answer is checked against the
// contract, and a failure says which request failed, its HTTP status and the service's message.
import type { z } from 'zod';
import {
  AuditBalancesView,
  AuditCheckpointsView,
  AuditConsistencyProofView,
  AuditKeysView,
  AuditLeavesView,
} from '../contract/audit';
import type { AuditLogSource } from './source';

/** The part of fetch this source uses, so it needs neither DOM nor Node types. */
export type FetchLike = (
  url: string,
  init: { headers: Record<string, string>; signal?: unknown },
) => Promise<{ ok: boolean; status: number; statusText: string; text(): Promise<string> }>;

export interface HttpAuditLogSourceOptions {
  /** The service's base URL, e.g. https://api.tanlian.example */
  readonly url: string;
  readonly program: string;
  /** Default: the global fetch. */
  readonly fetch?: FetchLike;
  /** Per request; default 30 s. */
  readonly timeoutMs?: number;
}

/** A request that did not give a usable answer: network failure, HTTP error or malformed body. */
export class AuditSourceError extends Error {
  constructor(
    message: string,
    readonly url: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'AuditSourceError';
  }
}

export class HttpAuditLogSource implements AuditLogSource {
  private readonly json: AuditJsonClient;

  constructor(options: HttpAuditLogSourceOptions) {
    this.json = new AuditJsonClient(options, {});
  }

  keys(): Promise<AuditKeysView> {
    return this.json.get('keys', {}, AuditKeysView);
  }

  checkpoints(after: number, limit: number): Promise<AuditCheckpointsView> {
    return this.json.get('checkpoints', { after, limit }, AuditCheckpointsView);
  }

  leaves(start: number, end: number): Promise<AuditLeavesView> {
    return this.json.get('leaves', { start, end }, AuditLeavesView);
  }

  consistencyProof(from: number, to: number): Promise<AuditConsistencyProofView> {
    return this.json.get('proof/consistency', { from, to }, AuditConsistencyProofView);
  }

  balances(size: number, after: number, limit: number): Promise<AuditBalancesView> {
    return this.json.get('balances', { size, after, limit }, AuditBalancesView);
  }
}

/**
 * GETs of one program's audit routes, each answer checked against its contract schema. `headers`:
 * sent with every request (the bureau's Authorization).
 */
export class AuditJsonClient {
  private readonly base: string;
  private readonly fetch: FetchLike;
  private readonly timeoutMs: number;

  constructor(
    options: HttpAuditLogSourceOptions,
    private readonly headers: Record<string, string>,
  ) {
    const fetch = options.fetch ?? (globalThis as { fetch?: FetchLike }).fetch;
    if (fetch === undefined) throw new Error('no fetch available: pass one in the options');
    this.fetch = (url, init) => fetch(url, init); // unbound, as browsers require
    this.base = `${options.url.replace(/\/+$/, '')}/v1/programs/${encodeURIComponent(options.program)}/audit`;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  async get<T>(path: string, query: Record<string, number>, schema: z.ZodType<T>): Promise<T> {
    const search = Object.entries(query)
      .map(([k, v]) => `${k}=${v}`)
      .join('&');
    const url = `${this.base}/${path}${search === '' ? '' : `?${search}`}`;
    let status: number;
    let text: string;
    try {
      const response = await this.fetch(url, {
        headers: { accept: 'application/json', ...this.headers },
        signal: timeoutSignal(this.timeoutMs),
      });
      status = response.status;
      text = await response.text();
      if (!response.ok) {
        throw new AuditSourceError(
          `GET ${url}: HTTP ${status} ${response.statusText}${serviceMessage(text)}`,
          url,
          status,
        );
      }
    } catch (err) {
      if (err instanceof AuditSourceError) throw err;
      throw new AuditSourceError(`GET ${url}: ${describe(err)}`, url, null);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new AuditSourceError(`GET ${url}: the answer is not JSON`, url, status);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AuditSourceError(
        `GET ${url}: unexpected answer (${issue.path.join('.') || 'body'}: ${issue.message})`,
        url,
        status,
      );
    }
    return parsed.data;
  }
}

/** `: <code>: <message>` from the service's error body ({statusCode, error, code, message}). */
function serviceMessage(text: string): string {
  try {
    const body = JSON.parse(text) as { code?: unknown; message?: unknown };
    const parts = [body.code, body.message].filter((p) => typeof p === 'string' && p !== '');
    return parts.length > 0 ? `: ${parts.join(': ')}` : '';
  } catch {
    return text.trim() === '' ? '' : `: ${text.trim().slice(0, 200)}`;
  }
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  // Node's fetch hides the reason (ECONNREFUSED, ENOTFOUND…) in `cause`.
  const cause = (err as { cause?: unknown }).cause;
  return cause instanceof Error ? `${err.message} (${cause.message})` : err.message;
}

function timeoutSignal(ms: number): unknown {
  const signals = (globalThis as { AbortSignal?: { timeout?: (ms: number) => unknown } })
    .AbortSignal;
  return signals?.timeout?.(ms);
}
