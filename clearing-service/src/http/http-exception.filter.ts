import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { storageBusyOf } from '../database/storage-busy';
import { storageOutageOf } from '../database/storage-unavailable';
import { DomainError, FieldError, ReplayedFailure, RetryLaterError } from './domain-error';

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** One error body shape for every failure (ApiErrorBody in @tanlian/sdk); never leaks internals on a 500. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(thrown: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    // A store that cannot be reached fails guards, pipes and handlers alike: one answer for all.
    const exception = storageOutageOf(thrown) ?? storageBusyOf(thrown) ?? thrown;
    const { status, body } = describeError(exception);
    if (exception instanceof RetryLaterError) {
      // An outage or a quota, not a bug: logged once where it is seen (OutageLog, UnreadableSecrets),
      // not with a stack per request.
      void reply.header('retry-after', String(exception.retryAfterSeconds));
    } else if (exception instanceof ReplayedFailure) {
      void reply.header('idempotent-replayed', 'true');
    } else if (status >= 500) {
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    }
    void reply.status(status).send(body);
  }
}

/** Status and body for any failure; also used for errors Fastify raises before a route runs (bad JSON). */
export function describeError(exception: unknown): {
  status: number;
  body: Record<string, unknown>;
} {
  if (exception instanceof ReplayedFailure)
    return { status: exception.status, body: exception.body };
  if (exception instanceof DomainError) {
    const status = exception.httpStatus;
    return {
      status,
      body: {
        statusCode: status,
        error: STATUS_TEXT[status],
        code: exception.code,
        message: exception.message,
        ...(exception instanceof FieldError
          ? { errors: [{ field: exception.field, reason: exception.reason }] }
          : {}),
      },
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const body =
      typeof response === 'object' && response !== null
        ? { statusCode: status, error: STATUS_TEXT[status] ?? 'Error', ...(response as object) }
        : { statusCode: status, error: STATUS_TEXT[status] ?? 'Error', message: String(response) };
    return { status, body: withCode(normaliseMessage(body), status) };
  }
  return {
    status: 500,
    body: { statusCode: 500, error: 'Internal Server Error', message: 'Internal server error' },
  };
}

function normaliseMessage(body: Record<string, unknown>): Record<string, unknown> {
  // Nest puts arrays of messages in `message`; the contract says it is one string.
  if (Array.isArray(body.message)) return { ...body, message: body.message.join('; ') };
  return body;
}

export const DEFAULT_CODE: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'body_too_large',
  415: 'unsupported_media_type',
};

export const MALFORMED_JSON = 'malformed_json';

/**
 * Nest turns Fastify's errors (bad JSON, body too large, wrong content type) into plain
 * HttpExceptions before they reach us; give every such answer a stable code too.
 */
function withCode(body: Record<string, unknown>, status: number): Record<string, unknown> {
  if (typeof body.code === 'string') return body;
  const message = typeof body.message === 'string' ? body.message : '';
  const code =
    status === 400 && /JSON|Body cannot be empty/i.test(message)
      ? MALFORMED_JSON
      : DEFAULT_CODE[status];
  return code ? { ...body, code } : body;
}
