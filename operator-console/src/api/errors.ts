// What a failed call tells the user: the service's own message, each field and reason of a 422,
// and when to try again (503 Retry-After). Codes are the sdk's API_ERROR_CODES.

export interface ApiErrorBody {
  statusCode?: number;
  error?: string;
  message?: string;
  code?: string;
  errors?: { field: string; reason: string }[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | null,
    message: string,
    readonly fields: { field: string; reason: string }[] = [],
    readonly retryAfterS: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  static from(response: Response, body: ApiErrorBody | string | undefined): ApiError {
    const parsed = typeof body === 'object' && body !== null ? body : {};
    const retry = Number(response.headers.get('retry-after'));
    return new ApiError(
      response.status,
      parsed.code ?? null,
      parsed.message ?? (typeof body === 'string' && body ? body : response.statusText),
      parsed.errors ?? [],
      Number.isFinite(retry) && retry > 0 ? retry : null,
    );
  }
}

/** One line per problem, as an alert shows them. */
export function describeError(err: unknown): string[] {
  if (err instanceof ApiError) {
    const lines = err.fields.length
      ? err.fields.map((f) => `${f.field}: ${f.reason}`)
      : [err.message];
    return err.code ? lines.map((l) => `${l} (${err.code})`) : lines;
  }
  return [err instanceof Error ? err.message : String(err)];
}
