import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { idempotencyKeyMalformed, idempotencyKeyMissing } from './idempotency-errors';
import type { IdempotentAnswer } from './idempotent-requests';

const KEY = /^[\x21-\x7e]{1,255}$/;

/** The request's `Idempotency-Key` header, required and checked (422 naming it otherwise). */
export const IdempotencyKey = createParamDecorator((_: unknown, ctx: ExecutionContext) => {
  const header = ctx.switchToHttp().getRequest<FastifyRequest>().headers['idempotency-key'];
  const key = Array.isArray(header) ? header[0] : header;
  if (key === undefined || key === '') throw idempotencyKeyMissing();
  if (!KEY.test(key)) throw idempotencyKeyMalformed();
  return key;
});

/** What a key is scoped to besides its principal: the method and path (no query). */
export function routeOf(request: FastifyRequest): string {
  return `${request.method} ${request.url.split('?')[0]}`.slice(0, 255);
}

/** The answer's body, marked `Idempotent-Replayed: true` when it was stored before. */
export function sendAnswer<T>(reply: FastifyReply, answer: IdempotentAnswer<T>): T {
  if (answer.replayed) void reply.header('idempotent-replayed', 'true');
  return answer.body;
}
